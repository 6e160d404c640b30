import { tempoRoute } from '@/lib/api/routes';
import { answerBuildInfo } from '@/lib/api/tempo/build-info';

// GET /api/tempo/status/buildinfo (GET /api/status/buildinfo on TEMPO_HTTP_PORT)
export const GET = tempoRoute(async () => answerBuildInfo());

export const dynamic = 'force-dynamic';
