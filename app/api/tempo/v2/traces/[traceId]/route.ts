import { tempoRoute } from '@/lib/api/routes';
import { answerTraceById } from '@/lib/api/tempo/answer-trace-by-id';

type Context = { params: Promise<{ traceId: string }> };

// GET /api/tempo/v2/traces/{traceID}?start=&end= (/api/v2/traces/{traceID} on TEMPO_HTTP_PORT): OTLP protobuf or JSON by Accept
export const GET = tempoRoute<Context>(async (req, { params }) => answerTraceById(req, (await params).traceId, 'v2'));

export const dynamic = 'force-dynamic';
