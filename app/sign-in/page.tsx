import { env } from '@/lib/env';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Sign in · Spanscope' };

// The UI's sign-in form (AUTH_USERS_FILE). A plain HTML form posted to the launcher, which checks
// the password, sets the session cookie and redirects to `next`; it works without JavaScript.
// `error=1` is the launcher's redirect after a wrong user name or password.
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
  const next = one(params.next) || '/';
  const failed = one(params.error) !== '';
  const usersConfigured = env().AUTH_USERS_FILE !== undefined;
  return (
    <div className="mx-auto mt-8 w-full max-w-sm space-y-4">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      {!usersConfigured ? (
        <p className="text-sm text-slate-700">Signing in with a user name is not configured on this server (AUTH_USERS_FILE).</p>
      ) : (
        <form method="post" action="/sign-in" className="space-y-4 rounded border border-slate-200 bg-white p-4">
          {failed && (
            <p role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              Wrong user name or password.
            </p>
          )}
          <input type="hidden" name="next" value={next} />
          <label className="block text-sm">
            <span className="mb-1 block font-medium">User name</span>
            <input
              name="user"
              autoComplete="username"
              required
              autoFocus
              className="w-full rounded border border-slate-300 bg-white px-2 py-2 text-slate-900 focus:outline focus:outline-2 focus:outline-blue-600"
            />
          </label>
          <label className="block text-sm">
            <span className="mb-1 block font-medium">Password</span>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              className="w-full rounded border border-slate-300 bg-white px-2 py-2 text-slate-900 focus:outline focus:outline-2 focus:outline-blue-600"
            />
          </label>
          <button type="submit" className="w-full rounded-md bg-sky-700 px-3 py-2 text-sm font-semibold text-white hover:bg-sky-800 focus:outline focus:outline-2 focus:outline-offset-2 focus:outline-blue-600">
            Sign in
          </button>
        </form>
      )}
    </div>
  );
}
