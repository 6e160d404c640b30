import { parseAggregateParams, parseSpanFilter } from '@/lib/api/params/parse-aggregate-params';
import { QueryParamError } from '@/lib/api/params/query-param-error';
import { pagesRoute } from '@/lib/api/routes';
import { compareAttributeValues } from '@/lib/store/read/compare-attribute-values';
import { rankDifferences } from '@/lib/traces/rank-differences';

/** spans read on each side (the selection, the rest) */
const MAX_SPANS = 20_000;

// GET /api/ui/aggregate/compare?filter=<TraceQL>&selection=<TraceQL>&start=&end= – "what is
// different about the selection": among the spans matching filter in the window (the same bounds
// as /api/ui/aggregate), the attribute values most over-represented in those also matching
// selection against the rest, with both percentages:
// {"selectedSpans","restSpans","capped","differences":[{"key","value","selectedPct","restPct","selected","rest"}]}
export const GET = pagesRoute(async (req) => {
  const params = new URL(req.url).searchParams;
  const p = parseAggregateParams(params, BigInt(Date.now()) * 1_000_000n);
  const selectionText = (params.get('selection') ?? '').trim();
  if (selectionText === '') throw new QueryParamError('selection', 'selection: give the spans to compare, as TraceQL (e.g. { duration > 1s } or { status = error })');
  const selection = parseSpanFilter(selectionText, 'selection');
  const r = await compareAttributeValues({ where: p.where, selection, startNs: p.startNs, endNs: p.endNs, maxSpans: MAX_SPANS });
  return Response.json({
    selectedSpans: r.selectedSpans,
    restSpans: r.restSpans,
    capped: r.capped,
    maxSpans: MAX_SPANS,
    differences: rankDifferences(r.values, r.selectedSpans, r.restSpans),
  });
});

export const dynamic = 'force-dynamic';
