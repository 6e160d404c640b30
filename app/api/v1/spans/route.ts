import { handleZipkinV1 } from '@/lib/ingest/zipkin/handle-zipkin-http';
import { ingestDeps } from '@/lib/server/runtime';

// POST /api/v1/spans – Zipkin ingest: JSON v1 list, optionally gzip
export const POST = (req: Request) => handleZipkinV1(req, ingestDeps());

export const dynamic = 'force-dynamic';
