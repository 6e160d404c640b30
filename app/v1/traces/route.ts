import { handleOtlpHttp, handleOtlpPreflight } from '@/lib/ingest/otlp/handle-otlp-http';

// POST /v1/traces – OTLP/HTTP trace ingest (protobuf or JSON, optionally gzip)
export const POST = handleOtlpHttp;
export const OPTIONS = handleOtlpPreflight;

export const dynamic = 'force-dynamic';
