import { handleZipkinV1 } from '@/lib/ingest/zipkin/handle-zipkin-http';

// POST /api/v1/spans – Zipkin ingest: JSON v1 list, optionally gzip
export const POST = handleZipkinV1;

export const dynamic = 'force-dynamic';
