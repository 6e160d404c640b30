import { tempoRoute } from '@/lib/api/routes';
import { answerEcho } from '@/lib/api/tempo/build-info';

// GET /api/tempo/echo (GET /api/echo on TEMPO_HTTP_PORT): `echo`, Grafana's "Save & test"
export const GET = tempoRoute(async () => answerEcho());

export const dynamic = 'force-dynamic';
