import { notFound, redirect } from 'next/navigation';
import { TraceLoader } from '@/components/trace/trace-loader';
import { safeDecode } from '@/lib/model/parse-trace-lookup';
import { resolveTraceLookup } from '@/lib/traces/resolve-trace-lookup';
import { comparePath } from '@/lib/view/compare/compare-pair';

export const dynamic = 'force-dynamic';

type PageProps = { params: Promise<{ traceId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// /trace/{anything}: whatever form the id came in, normalise it like the lookup box does; redirect
// to the canonical /trace/<32 hex> (keeping ?span=, ?find=), or answer 404 saying why nothing was found.
export default async function TracePage({ params, searchParams }: PageProps) {
  const raw = safeDecode((await params).traceId).trim();
  // jaeger-ui's compare URL, /trace/A...B: open the comparison of the two, not just A
  const pair = /^([^.\s]+)\.\.\.([^.\s]+)$/.exec(raw);
  if (pair) redirect(comparePath(pair[1], pair[2]));
  const resolved = await resolveTraceLookup({ text: raw });
  if (!resolved.found) notFound(); // not-found.tsx: the id looked for and why it may be missing, with a 404

  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) if (typeof v === 'string') search.set(k, v);
  if (resolved.spanId && !search.has('span')) search.set('span', resolved.spanId);
  if (resolved.traceId !== raw) {
    const qs = search.toString();
    redirect(`/trace/${resolved.traceId}${qs ? `?${qs}` : ''}`);
  }
  // React hoists this into <head>: the browser fetches the trace while the page's JS loads and
  // hydrates, and useTrace's fetch() reuses the response (same URL, CORS mode and credentials)
  return (
    <>
      <link rel="preload" href={`/api/ui/traces/${resolved.traceId}`} as="fetch" crossOrigin="anonymous" />
      <TraceLoader traceId={resolved.traceId} />
    </>
  );
}
