import { env } from '@/lib/env';
import { isPrettyPrint, v1DataResponse, v1ErrorResponse } from '@/lib/api/jaeger/envelope';
import { toJaegerTrace } from '@/lib/api/jaeger/to-jaeger-trace';
import { v1Route } from '@/lib/api/routes';
import { decodeOtlpJson } from '@/lib/ingest/otlp/decode-otlp-json';
import { readBody } from '@/lib/ingest/read-body';
import type { SpanRecord } from '@/lib/model/span-record';

// POST /api/transform – jaeger-ui's Upload tab (as jaeger-query serves it): an OTLP JSON file in,
// its traces in the /api/traces answer shape ({"data":[...]}) out. Nothing is stored. A body that
// is not OTLP JSON is a 400 in the Jaeger envelope (jaeger-ui shows its message); spans the
// decoder refuses are named in `errors`.
export const POST = v1Route(async (req) => {
  let records: SpanRecord[];
  let rejected: { reason: string }[];
  try {
    const body = await readBody(req, { maxBytes: env().INGEST_MAX_BODY_BYTES });
    ({ records, rejected } = decodeOtlpJson(new TextDecoder().decode(body)));
  } catch (err) {
    return v1ErrorResponse(400, `cannot read the upload as OTLP JSON: ${(err as Error).message}`);
  }
  const byTrace = new Map<string, SpanRecord[]>();
  for (const r of records) {
    const list = byTrace.get(r.traceId);
    if (list) list.push(r);
    else byTrace.set(r.traceId, [r]);
  }
  const errors = rejected.map((r) => ({ code: 400, msg: r.reason }));
  return v1DataResponse([...byTrace.values()].map(toJaegerTrace), {
    errors: errors.length > 0 ? errors : null,
    prettyPrint: isPrettyPrint(new URL(req.url).searchParams),
  });
});

export const dynamic = 'force-dynamic';
