import { jsonResponse } from '@/lib/api/json-response';
import { toOtlpJson } from '@/lib/api/otlp-json/to-otlp-json';
import { lookupTraces } from '@/lib/traces/lookup-traces';
import { tempoErrorResponse } from './envelope';
import { encodeTraceByIdResponseProtobuf, encodeTraceProtobuf } from './encode-trace-protobuf';
import { parseTempoTraceId, parseTimeWindow } from './parse-tempo-params';

// GET /api/traces/{traceID} and /api/v2/traces/{traceID}: one trace as OTLP, protobuf when the
// client accepts `application/protobuf` (Grafana's backend always does, and tries v2 first,
// falling back to v1 on a 404), JSON otherwise. v1 is Tempo's `Trace` message, whose JSON names
// the resource spans `batches` (the field's name before Tempo renamed it; Grafana reads either);
// v2 wraps it as `TraceByIDResponse` {trace, status}. `start`/`end` are accepted and checked as
// Tempo does, but a lookup by id is one index probe, so they do not narrow it.

export type TraceByIdVersion = 'v1' | 'v2';

const PROTOBUF = 'application/protobuf';

const wantsProtobuf = (req: Request) => /application\/(x-)?protobuf/i.test(req.headers.get('accept') ?? '');

export const answerTraceById = async (req: Request, segment: string, version: TraceByIdVersion): Promise<Response> => {
  const traceId = parseTempoTraceId(segment);
  parseTimeWindow(new URL(req.url).searchParams);
  const { traces } = await lookupTraces({ traceIds: [traceId] });
  if (traces.length === 0) return tempoErrorResponse(404, `trace not found: ${traceId}`);
  const data = toOtlpJson(traces[0]);
  if (wantsProtobuf(req)) {
    const body = version === 'v1' ? encodeTraceProtobuf(data) : encodeTraceByIdResponseProtobuf(data);
    return new Response(body, { headers: { 'content-type': PROTOBUF } });
  }
  return version === 'v1' ? jsonResponse({ batches: data.resourceSpans }) : jsonResponse({ trace: data, status: 'COMPLETE' });
};
