import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { MainNav } from '@/components/layout/main-nav';
import { SignOutButton } from '@/components/layout/sign-out-button';
import { ThemeToggle } from '@/components/layout/theme-toggle';
import { TimeZoneToggle } from '@/components/layout/time-zone-toggle';
import { TraceLookupBox } from '@/components/lookup/trace-lookup-box';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = { title: 'Spanscope', description: 'Distributed-trace search' };

// the launcher sets x-spanscope-user for a sign-in session (lib/server/guard-read-access.ts) and
// removes any a client sent
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = (await headers()).get('x-spanscope-user');
  return (
    // the theme toggle sets class light/dark on <html> after hydration; React must not warn about it
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <Providers>
          {/* below 640 px the lookup box takes a line of its own under the logo and the links */}
          <header className="flex flex-wrap items-center gap-x-6 gap-y-2 border-b border-slate-200 bg-white px-3 py-3 sm:flex-nowrap sm:px-6">
            <Link href="/" className="text-lg font-semibold tracking-tight">
              Spanscope
            </Link>
            <MainNav />
            <div className="order-last w-full sm:order-none sm:ml-auto sm:max-w-md">
              <TraceLookupBox />
            </div>
            <div className="ml-auto flex items-center gap-3 sm:ml-0">
              {user && <SignOutButton user={user} />}
              <TimeZoneToggle />
              <ThemeToggle />
            </div>
          </header>
          <main className="px-3 py-4 sm:px-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
