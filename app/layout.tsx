import type { Metadata } from 'next';
import Link from 'next/link';
import { MainNav } from '@/components/layout/main-nav';
import { TraceLookupBox } from '@/components/lookup/trace-lookup-box';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = { title: 'Spanscope', description: 'Distributed-trace search' };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <Providers>
          <header className="flex items-center gap-6 border-b border-slate-200 bg-white px-6 py-3">
            <Link href="/" className="text-lg font-semibold tracking-tight">
              Spanscope
            </Link>
            <MainNav />
            <div className="ml-auto w-full max-w-md">
              <TraceLookupBox />
            </div>
          </header>
          <main className="px-6 py-4">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
