// Who is signed in, and the form that signs out (POST /sign-out, answered by the launcher).
// Shown only for a sign-in session: a proxy's user or a query token has nothing to sign out of.
export function SignOutButton({ user }: { user: string }) {
  return (
    <form method="post" action="/sign-out" className="flex items-center gap-2 text-sm">
      <span className="hidden max-w-32 truncate text-slate-600 sm:inline" title={`Signed in as ${user}`}>
        {user}
      </span>
      <button type="submit" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100 focus:outline focus:outline-2 focus:outline-blue-600">
        Sign out
      </button>
    </form>
  );
}
