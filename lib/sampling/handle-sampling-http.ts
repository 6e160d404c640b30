import { MAX_NAME_CHARS, textProblem } from '@/lib/model/input-limits';
import type { SamplingStore } from './sampling-store';

// Jaeger's remote-sampling endpoint (internal/sampling/http/handler.go): `service` given exactly
// once, the strategy as JSON. Served as /api/sampling on the main port and on every path of
// JAEGER_SAMPLING_PORT (jaeger-client asks for /sampling there).

/** What the handler is handed: the strategies in force. */
export type SamplingDeps = { store: Pick<SamplingStore, 'strategyFor'> };

/** GET /api/sampling?service= */
export const handleSamplingHttp = (req: Request, { store }: SamplingDeps): Response => {
  const services = new URL(req.url).searchParams.getAll('service');
  const badRequest = (message: string) => new Response(`${message}\n`, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  if (services.length !== 1) return badRequest("'service' parameter must be provided once");
  const problem = textProblem(services[0], MAX_NAME_CHARS);
  if (problem !== undefined) return badRequest(`malformed parameter 'service': the value ${problem}`);
  return Response.json(store.strategyFor(services[0]), { headers: { 'cache-control': 'no-store' } });
};
