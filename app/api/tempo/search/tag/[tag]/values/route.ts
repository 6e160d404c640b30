import { tempoRoute } from '@/lib/api/routes';
import { answerTagValues, decodeTagSegment } from '@/lib/api/tempo/answer-tag-values';
import { serviceOfQuery } from '@/lib/api/tempo/service-of-query';

type Context = { params: Promise<{ tag: string }> };

// GET /api/tempo/search/tag/{tag}/values?q=&start=&end=&limit= (/api/search/tag/{tag}/values on TEMPO_HTTP_PORT)
export const GET = tempoRoute<Context>(async (req, { params }) => {
  const search = new URL(req.url).searchParams;
  const tag = decodeTagSegment((await params).tag);
  return answerTagValues({ params: search, tag, version: 'v1', serviceName: serviceOfQuery(search.get('q')) });
});

export const dynamic = 'force-dynamic';
