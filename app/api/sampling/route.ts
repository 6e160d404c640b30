import { handleSamplingHttp } from '@/lib/sampling/handle-sampling-http';

// GET /api/sampling?service= – Jaeger remote sampling: the strategy for one service
export const GET = handleSamplingHttp;

export const dynamic = 'force-dynamic';
