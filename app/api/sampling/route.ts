import { handleSamplingHttp } from '@/lib/sampling/handle-sampling-http';
import { samplingStore } from '@/lib/sampling/sampling-store';

// GET /api/sampling?service= – Jaeger remote sampling: the strategy for one service
export const GET = (req: Request) => handleSamplingHttp(req, { store: samplingStore() });

export const dynamic = 'force-dynamic';
