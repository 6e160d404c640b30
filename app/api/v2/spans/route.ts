import { handleZipkinV2 } from '@/lib/ingest/zipkin/handle-zipkin-http';

// POST /api/v2/spans – Zipkin ingest: JSON v2 list or proto3 ListOfSpans, optionally gzip
export const POST = handleZipkinV2;

export const dynamic = 'force-dynamic';
