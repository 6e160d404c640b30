import { handleZipkinV2 } from '@/lib/ingest/zipkin/handle-zipkin-http';
import { ingestDeps } from '@/lib/server/runtime';

// POST /api/v2/spans – Zipkin ingest: JSON v2 list or proto3 ListOfSpans, optionally gzip
export const POST = (req: Request) => handleZipkinV2(req, ingestDeps());

export const dynamic = 'force-dynamic';
