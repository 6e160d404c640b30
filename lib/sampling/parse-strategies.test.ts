import { describe, expect, test } from 'vitest';
import { parseStrategiesFile } from './parse-strategies';

// Jaeger's strategies-file semantics (its file provider), answer by answer.

const FILE = {
  service_strategies: [
    { service: 'foo', type: 'probabilistic', param: 0.8, operation_strategies: [{ operation: 'op1', type: 'probabilistic', param: 0.2 }] },
    { service: 'bar', type: 'ratelimiting', param: 5 },
    { service: 'baz', type: 'probabilistic', param: 0.3 },
  ],
  default_strategy: { type: 'probabilistic', param: 0.5, operation_strategies: [{ operation: '/health', type: 'probabilistic', param: 0 }] },
};

describe('a Jaeger strategies file', () => {
  const { defaultStrategy, serviceStrategies } = parseStrategiesFile(JSON.stringify(FILE));

  test('a service with operation strategies gets them, plus the default ones it does not override', () => {
    expect(serviceStrategies.get('foo')).toEqual({
      strategyType: 'PROBABILISTIC',
      probabilisticSampling: { samplingRate: 0.8 },
      operationSampling: {
        defaultSamplingProbability: 0.8,
        defaultLowerBoundTracesPerSecond: 0,
        perOperationStrategies: [
          { operation: 'op1', probabilisticSampling: { samplingRate: 0.2 } },
          { operation: '/health', probabilisticSampling: { samplingRate: 0 } },
        ],
      },
    });
  });

  test('a rate-limited service gets rate limiting alone', () => {
    expect(serviceStrategies.get('bar')).toEqual({ strategyType: 'RATE_LIMITING', rateLimitingSampling: { maxTracesPerSecond: 5 } });
  });

  test('a probabilistic service without operations gets the default operations at its own rate', () => {
    expect(serviceStrategies.get('baz')?.operationSampling?.defaultSamplingProbability).toBe(0.3);
    expect(serviceStrategies.get('baz')?.operationSampling?.perOperationStrategies).toEqual([
      { operation: '/health', probabilisticSampling: { samplingRate: 0 } },
    ]);
  });

  test('the default strategy answers for other services; without one it is probabilistic 0.001', () => {
    expect(defaultStrategy.probabilisticSampling).toEqual({ samplingRate: 0.5 });
    expect(parseStrategiesFile('{}').defaultStrategy).toEqual({ strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 0.001 } });
  });

  test.each([
    ['not JSON', '{', /not valid JSON/],
    ['a rate above 1', '{"default_strategy":{"type":"probabilistic","param":1.5}}', /default_strategy.param/],
    ['an unknown type', '{"service_strategies":[{"service":"a","type":"adaptive","param":1}]}', /service_strategies.0/],
    ['rate limiting per operation', '{"default_strategy":{"type":"probabilistic","param":1,"operation_strategies":[{"operation":"x","type":"ratelimiting","param":1}]}}', /only be probabilistic/],
  ])('%s is refused with the place it is wrong', (_name, text, message) => {
    expect(() => parseStrategiesFile(text)).toThrow(message);
  });
});
