import { handleJaegerHttp } from '@/lib/ingest/jaeger/handle-jaeger-http';
import { isPrettyPrint, v1DataResponse } from '@/lib/api/jaeger/envelope';
import { toJaegerTrace } from '@/lib/api/jaeger/to-jaeger-trace';
import { toJaegerTraceId } from '@/lib/api/jaeger/to-jaeger-trace-id';
import { v1Route } from '@/lib/api/routes';
import { ingestDeps } from '@/lib/server/runtime';
import { parseV1Search } from '@/lib/api/params/parse-v1-search';
import { lookupTraces } from '@/lib/traces/lookup-traces';
import { searchTraces } from '@/lib/traces/search-traces';

// GET /api/traces – search (service, operation, tags, start/end µs, min/maxDuration, limit) or
// lookup by repeated traceID; complete traces, newest first (Jaeger v1)
export const GET = v1Route(async (req) => {
  const params = new URL(req.url).searchParams;
  const request = parseV1Search(params, new Date());
  const prettyPrint = isPrettyPrint(params);
  if (request.kind === 'ids') {
    const { traces, missing } = await lookupTraces({ traceIds: request.traceIds });
    const errors = missing.map((id) => ({ msg: 'trace not found', traceID: toJaegerTraceId(id) }));
    return v1DataResponse(traces.map(toJaegerTrace), { errors: errors.length > 0 ? errors : null, prettyPrint });
  }
  const traces = await searchTraces({ query: request.query });
  return v1DataResponse(traces.map(toJaegerTrace), { prettyPrint });
});

// POST /api/traces – Jaeger collector ingest: a binary-Thrift Batch from Jaeger clients
export const POST = (req: Request) => handleJaegerHttp(req, ingestDeps());

export const dynamic = 'force-dynamic';
