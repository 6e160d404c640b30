import { z } from 'zod';

// Jaeger's sampling strategies file (jaeger internal/sampling/samplingstrategy/file)
// → the response each service gets, built as Jaeger's file provider builds it:
//  - a service strategy is probabilistic (`param` = rate, 0..1) or ratelimiting (`param` = traces/s);
//  - operation strategies are probabilistic only; their default probability is the service's rate;
//  - the default strategy's operation strategies are merged into each probabilistic service strategy
//    (the service's own win), and a service without its own gets them with its rate as the default;
//  - a file without `default_strategy` defaults to probabilistic 0.001, as in Jaeger.
// Unlike Jaeger, which logs and falls back, a value out of range or an unknown type refuses the file,
// so a typo cannot silently change what every client samples.

const ZStrategy = z.discriminatedUnion('type', [
  z.object({ type: z.literal('probabilistic'), param: z.number().min(0).max(1) }),
  z.object({ type: z.literal('ratelimiting'), param: z.number().min(0).max(2 ** 31 - 1) }),
]);
const ZOperationStrategy = z.object({
  operation: z.string().min(1),
  type: z.literal('probabilistic', { message: 'operation strategies can only be probabilistic' }),
  param: z.number().min(0).max(1),
});
const ZServiceStrategy = ZStrategy.and(z.object({ service: z.string().min(1), operation_strategies: z.array(ZOperationStrategy).optional() }));
const ZDefaultStrategy = ZStrategy.and(z.object({ operation_strategies: z.array(ZOperationStrategy).optional() }));

export const ZStrategiesFile = z.object({
  service_strategies: z.array(ZServiceStrategy).optional(),
  default_strategy: ZDefaultStrategy.optional(),
});
export type TStrategiesFile = z.infer<typeof ZStrategiesFile>;

/** One operation's probability, as Jaeger's JSON names it. */
export type OperationSamplingStrategy = { operation: string; probabilisticSampling: { samplingRate: number } };

/** Jaeger's SamplingStrategyResponse in JSON (api_v2 sampling.proto, enum names as strings). */
export type SamplingStrategyResponse = {
  strategyType: 'PROBABILISTIC' | 'RATE_LIMITING';
  probabilisticSampling?: { samplingRate: number };
  rateLimitingSampling?: { maxTracesPerSecond: number };
  operationSampling?: {
    defaultSamplingProbability: number;
    defaultLowerBoundTracesPerSecond: number;
    perOperationStrategies: OperationSamplingStrategy[];
  };
};

export type SamplingStrategies = { defaultStrategy: SamplingStrategyResponse; serviceStrategies: Map<string, SamplingStrategyResponse> };

/** Jaeger's default when a file has no default_strategy. */
export const JAEGER_DEFAULT_PROBABILITY = 0.001;

const toResponse = (s: z.infer<typeof ZStrategy> & { operation_strategies?: z.infer<typeof ZOperationStrategy>[] }): SamplingStrategyResponse => {
  const response: SamplingStrategyResponse =
    s.type === 'probabilistic'
      ? { strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: s.param } }
      : { strategyType: 'RATE_LIMITING', rateLimitingSampling: { maxTracesPerSecond: Math.trunc(s.param) } };
  if (s.operation_strategies && s.operation_strategies.length > 0) {
    response.operationSampling = {
      defaultSamplingProbability: s.type === 'probabilistic' ? s.param : JAEGER_DEFAULT_PROBABILITY,
      defaultLowerBoundTracesPerSecond: 0,
      perOperationStrategies: s.operation_strategies.map((o) => ({ operation: o.operation, probabilisticSampling: { samplingRate: o.param } })),
    };
  }
  return response;
};

/** Builds every service's answer from a parsed file. */
export const buildStrategies = (file: TStrategiesFile): SamplingStrategies => {
  const defaultStrategy: SamplingStrategyResponse = file.default_strategy
    ? toResponse(file.default_strategy)
    : { strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: JAEGER_DEFAULT_PROBABILITY } };
  const serviceStrategies = new Map<string, SamplingStrategyResponse>();
  const defaultOps = defaultStrategy.operationSampling;
  for (const s of file.service_strategies ?? []) {
    const response = toResponse(s);
    if (defaultOps && response.probabilisticSampling) {
      if (!response.operationSampling) {
        response.operationSampling = { ...defaultOps, defaultSamplingProbability: response.probabilisticSampling.samplingRate };
      } else {
        const own = new Set(response.operationSampling.perOperationStrategies.map((o) => o.operation));
        response.operationSampling.perOperationStrategies.push(...defaultOps.perOperationStrategies.filter((o) => !own.has(o.operation)));
      }
    }
    serviceStrategies.set(s.service, response);
  }
  return { defaultStrategy, serviceStrategies };
};

/** Parses the text of a strategies file; throws an Error saying what is wrong and where. */
export const parseStrategiesFile = (text: string): SamplingStrategies => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`not valid JSON: ${(err as Error).message}`);
  }
  const result = ZStrategiesFile.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${issue.path.join('.') || 'file'}: ${issue.message}`);
  }
  return buildStrategies(result.data);
};
