import { tempoRoute } from '@/lib/api/routes';
import { answerTags } from '@/lib/api/tempo/answer-tags';
import { serviceOfQuery } from '@/lib/api/tempo/service-of-query';

// GET /api/tempo/v2/search/tags?scope=&q=&start=&end=&limit= (/api/v2/search/tags on TEMPO_HTTP_PORT)
export const GET = tempoRoute(async (req) => {
  const params = new URL(req.url).searchParams;
  return answerTags({ params, version: 'v2', serviceName: serviceOfQuery(params.get('q')) });
});

export const dynamic = 'force-dynamic';
