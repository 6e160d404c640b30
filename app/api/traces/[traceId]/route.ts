import { isPrettyPrint, v1DataResponse, v1ErrorResponse } from '@/lib/api/jaeger/envelope';
import { toJaegerTrace } from '@/lib/api/jaeger/to-jaeger-trace';
import { v1Route } from '@/lib/api/routes';
import { parseTimeHint } from '@/lib/api/params/parse-time-hint';
import { parseTraceIdParam } from '@/lib/api/params/parse-trace-id-param';
import { lookupTraces } from '@/lib/traces/lookup-traces';

type Context = { params: Promise<{ traceId: string }> };

// GET /api/traces/{traceID} – one trace (Jaeger v1; jaeger-ui and Grafana load traces here).
// start/end are optional storage hints: validated, accepted in µs or (Grafana) ms.
export const GET = v1Route<Context>(async (req, { params }) => {
  const search = new URL(req.url).searchParams;
  const { traceId: raw } = await params;
  const traceId = parseTraceIdParam(raw, 'traceID');
  parseTimeHint(search, 'start');
  parseTimeHint(search, 'end');
  const { traces } = await lookupTraces({ traceIds: [traceId] });
  if (traces.length === 0) return v1ErrorResponse(404, 'trace not found');
  return v1DataResponse(traces.map(toJaegerTrace), { prettyPrint: isPrettyPrint(search) });
});

export const dynamic = 'force-dynamic';
