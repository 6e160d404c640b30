import { findExistingTraceIds } from '@/lib/store/read/find-existing-trace-ids';
import { findTraceIdsBySpanId } from '@/lib/store/read/find-trace-ids-by-span-id';
import { parseTraceLookup, type TraceLookup } from '@/lib/model/parse-trace-lookup';

export type ResolvedLookup =
  | { found: true; traceId: string; spanId?: string; lookup: TraceLookup }
  | { found: false; lookup: TraceLookup };

export type ResolveTraceLookupOptions = { text: string };

/**
 * Pasted text → the trace to open. Trace id candidates are tried first, then span ids (a 16-hex
 * id may be either); a span id also names the span to open inside the trace.
 */
export const resolveTraceLookup = async ({ text }: ResolveTraceLookupOptions): Promise<ResolvedLookup> => {
  const lookup = parseTraceLookup(text);
  const [traceId] = await findExistingTraceIds({ traceIds: lookup.traceIds });
  // a header that names both (traceparent, B3, uber-trace-id, X-Ray) opens its span too; a bare
  // 16-hex id is listed as both candidates, and when it named a trace it names no span
  const namedSpan = lookup.spanIds.find((s) => !traceId?.endsWith(s));
  if (traceId) return { found: true, traceId, ...(namedSpan ? { spanId: namedSpan } : {}), lookup };
  for (const spanId of lookup.spanIds) {
    const [holder] = await findTraceIdsBySpanId({ spanId, limit: 1 });
    if (holder) return { found: true, traceId: holder, spanId, lookup };
  }
  return { found: false, lookup };
};
