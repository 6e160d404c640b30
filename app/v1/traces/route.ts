import { handleOtlpHttp, handleOtlpPreflight } from '@/lib/ingest/otlp/handle-otlp-http';
import { ingestDeps } from '@/lib/server/runtime';

// POST /v1/traces – OTLP/HTTP trace ingest (protobuf or JSON, optionally gzip)
export const POST = (req: Request) => handleOtlpHttp(req, ingestDeps());
export const OPTIONS = handleOtlpPreflight;

export const dynamic = 'force-dynamic';
