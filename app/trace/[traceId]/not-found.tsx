'use client';

import { usePathname } from 'next/navigation';
import { TraceNotFound } from '@/components/trace/trace-not-found';
import { parseTraceLookup, safeDecode } from '@/lib/model/parse-trace-lookup';

// notFound() from the trace page lands here with a 404 status; a not-found file gets no params,
// so the id looked for is read back from the path (parsing is pure and runs in the browser too).
export default function TraceNotFoundPage() {
  const text = safeDecode(usePathname().replace(/^\/trace\//, '')).trim();
  return <TraceNotFound text={text} lookup={parseTraceLookup(text)} />;
}
