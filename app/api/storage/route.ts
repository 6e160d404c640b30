import { jsonResponse } from '@/lib/api/json-response';
import { pagesRoute } from '@/lib/api/routes';
import { runtime } from '@/lib/server/runtime';
import { getStorageStats } from '@/lib/store/read/get-storage-stats';

// GET /api/storage – retention setting, oldest and newest data kept, each day's size on disk
export const GET = pagesRoute(async () => jsonResponse(await getStorageStats({ retentionDays: runtime().env.RETENTION_DAYS })));

export const dynamic = 'force-dynamic';
