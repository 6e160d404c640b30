'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/search', label: 'Search', active: (path: string) => path === '/' || path.startsWith('/search') },
  { href: '/services', label: 'Services', active: (path: string) => path.startsWith('/services') },
  { href: '/explore', label: 'Explore', active: (path: string) => path.startsWith('/explore') },
  { href: '/exceptions', label: 'Exceptions', active: (path: string) => path.startsWith('/exceptions') },
  { href: '/storage', label: 'Storage', active: (path: string) => path.startsWith('/storage') },
  { href: '/sampling', label: 'Sampling', active: (path: string) => path.startsWith('/sampling') },
];

/** The header's page links; the current page is underlined. On a phone they wrap onto a second line rather than widen the page. */
export function MainNav() {
  const path = usePathname() ?? '';
  return (
    <nav className="flex min-w-0 flex-wrap items-center gap-1 text-sm" aria-label="Main" data-testid="main-nav">
      {LINKS.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={link.active(path) ? 'page' : undefined}
          className="rounded px-2 py-1.5 font-medium sm:px-3 text-slate-600 hover:bg-slate-100 hover:text-slate-900 aria-[current=page]:bg-slate-100 aria-[current=page]:text-slate-900"
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
