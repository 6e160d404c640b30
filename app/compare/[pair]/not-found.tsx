'use client';

import { usePathname } from 'next/navigation';
import { safeDecode } from '@/lib/model/parse-trace-lookup';

// notFound() from the compare page: the address had no `A...B`, or a side names no stored trace.
export default function CompareNotFoundPage() {
  const text = safeDecode(usePathname().replace(/^\/compare\//, ''));
  return (
    <div className="mx-auto max-w-2xl space-y-4 py-8" data-testid="compare-not-found">
      <h1 className="text-2xl font-semibold">Nothing to compare</h1>
      <p className="break-all rounded-md border border-slate-200 bg-white p-4 font-mono text-sm">{text}</p>
      <p className="text-sm text-slate-600">
        The address is <span className="font-mono">/compare/&lt;trace A&gt;...&lt;trace B&gt;</span> (or <span className="font-mono">...baseline</span>), and both traces must be stored.
      </p>
    </div>
  );
}
