import { notFound, redirect } from 'next/navigation';
import { CompareView } from '@/components/compare/compare-view';
import { safeDecode } from '@/lib/model/parse-trace-lookup';
import { resolveTraceLookup } from '@/lib/traces/resolve-trace-lookup';
import { BASELINE, splitComparePair } from '@/lib/view/compare/compare-pair';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Compare traces · Spanscope' };

type PageProps = { params: Promise<{ pair: string }> };

// /compare/{A}...{B}: each side in any form the lookup box takes (B may be `baseline`), resolved
// like /trace/{id} and redirected to the canonical /compare/<32 hex>...<32 hex | baseline>.
export default async function ComparePage({ params }: PageProps) {
  const raw = safeDecode((await params).pair);
  const pair = splitComparePair(raw);
  if (!pair) notFound();
  const a = await resolveTraceLookup({ text: pair.a });
  const isBaseline = pair.b.toLowerCase() === BASELINE;
  const b = isBaseline ? undefined : await resolveTraceLookup({ text: pair.b });
  if (!a.found || (b && !b.found)) notFound();
  const bId = b?.found ? b.traceId : BASELINE;
  if (a.traceId !== pair.a || bId !== pair.b) redirect(`/compare/${a.traceId}...${bId}`);
  return <CompareView a={a.traceId} b={bId} />;
}
