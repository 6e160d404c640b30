import { jsonResponse } from '@/lib/api/jaeger/envelope';
import { v3Route } from '@/lib/api/query-route';
import { runtime } from '@/lib/server/runtime';
import { getStorageStats } from '@/lib/store/read/get-storage-stats';

// GET /api/storage – retention setting, oldest and newest data kept, each day's size on disk
export const GET = v3Route(async () => jsonResponse(await getStorageStats({ retentionDays: runtime().env.RETENTION_DAYS })));

export const dynamic = 'force-dynamic';
