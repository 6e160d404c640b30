import { pagesRoute } from '@/lib/api/routes';
import { resolveTraceLookup } from '@/lib/traces/resolve-trace-lookup';

// GET /api/ui/lookup?q=<pasted text> – the trace (and span) that pasted text names, if stored
export const GET = pagesRoute(async (req) => {
  const text = new URL(req.url).searchParams.get('q') ?? '';
  const resolved = await resolveTraceLookup({ text });
  if (!resolved.found) {
    const { traceIds, spanIds, format } = resolved.lookup;
    return Response.json({ found: false, format, traceIds, spanIds }, { status: 404 });
  }
  const { traceId, spanId, lookup } = resolved;
  return Response.json({ found: true, traceId, spanId: spanId ?? null, format: lookup.format });
});

export const dynamic = 'force-dynamic';
