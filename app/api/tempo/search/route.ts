import { tempoRoute } from '@/lib/api/routes';
import { answerSearch } from '@/lib/api/tempo/answer-search';

// GET /api/tempo/search?q=|tags=&minDuration=&maxDuration=&start=&end=&limit=&spss= (/api/search on TEMPO_HTTP_PORT)
export const GET = tempoRoute(async (req) => answerSearch(new URL(req.url).searchParams, Date.now()));

export const dynamic = 'force-dynamic';
