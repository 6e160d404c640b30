import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { initTracer } from 'jaeger-client';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { readJaegerTrace, tagMap } from '@/lib/test/read-trace';
import { startTestServer, type TestServer } from '@/lib/test/test-server';

// Jaeger remote sampling from a strategies file, on a server of its own: answers per service and
// operation on the sampling port and /api/sampling, a change to the file is picked up, a broken file
// is refused with the strategies in force kept (and shown on /sampling), a broken file at start
// stops the start. The shared server (no file) answers the documented default.

const dir = mkdtempSync(path.join(tmpdir(), 'spanscope-sampling-'));
const file = path.join(dir, 'strategies.json');
let server: TestServer;

const STRATEGIES = {
  service_strategies: [
    { service: 'checkout', type: 'probabilistic', param: 0.8, operation_strategies: [{ operation: 'GET /health', type: 'probabilistic', param: 0.0 }] },
    { service: 'payments', type: 'ratelimiting', param: 5 },
    { service: 'jaeger-remote-svc', type: 'probabilistic', param: 1 },
  ],
  default_strategy: { type: 'probabilistic', param: 0.5 },
};

beforeAll(async () => {
  writeFileSync(file, JSON.stringify(STRATEGIES));
  server = await startTestServer({ env: { SAMPLING_STRATEGIES_FILE: file } });
}, 240_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const ask = async (service: string, url = `http://127.0.0.1:${server.ingestPorts.sampling}/sampling`) => {
  const res = await fetch(`${url}?service=${encodeURIComponent(service)}`);
  expect(res.status).toBe(200);
  return res.json();
};

const eventually = async (check: () => Promise<void>, timeoutMs = 8000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
};

describe('remote sampling from SAMPLING_STRATEGIES_FILE', () => {
  test('answers per service and operation, in Jaeger JSON, on the sampling port and /api/sampling', async () => {
    expect(await ask('checkout')).toEqual({
      strategyType: 'PROBABILISTIC',
      probabilisticSampling: { samplingRate: 0.8 },
      operationSampling: {
        defaultSamplingProbability: 0.8,
        defaultLowerBoundTracesPerSecond: 0,
        perOperationStrategies: [{ operation: 'GET /health', probabilisticSampling: { samplingRate: 0 } }],
      },
    });
    expect(await ask('payments', `${server.baseUrl}/api/sampling`)).toEqual({ strategyType: 'RATE_LIMITING', rateLimitingSampling: { maxTracesPerSecond: 5 } });
    expect(await ask('anything-else')).toEqual({ strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 0.5 } });
    const missing = await fetch(`http://127.0.0.1:${server.ingestPorts.sampling}/sampling`);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toMatch(/'service' parameter must be provided once/);
  });

  test("jaeger-client's remote sampler takes its strategy from the sampling port", async () => {
    // the client starts at probabilistic 0.001; only the file's 1.0 makes every trace sampled
    const tracer = initTracer(
      {
        serviceName: 'jaeger-remote-svc',
        sampler: { type: 'remote', param: 0.001, hostPort: `127.0.0.1:${server.ingestPorts.sampling}`, refreshIntervalMs: 200 },
        reporter: { agentHost: '127.0.0.1', agentPort: server.ingestPorts.jaegerAgentBinary, flushIntervalMs: 100 },
      },
      { logger: { info() {}, error() {} } },
    );
    await new Promise((r) => setTimeout(r, 1000));
    const spans = Array.from({ length: 5 }, (_, i) => tracer.startSpan(`sampled ${i}`));
    expect(spans.every((span) => span.context().isSampled())).toBe(true);
    spans.forEach((span) => span.finish());
    await new Promise<void>((resolve) => tracer.close(resolve));
    const trace = await readJaegerTrace(server.baseUrl, spans[0].context().toTraceId().padStart(16, '0'), { spans: 1 });
    expect(tagMap(trace.spans[0].tags)).toMatchObject({ 'sampler.type': ['string', 'probabilistic'], 'sampler.param': ['float64', 1] });
  });

  test('a change is picked up; a broken file is refused and the strategies in force are kept', async () => {
    writeFileSync(file, JSON.stringify({ ...STRATEGIES, default_strategy: { type: 'probabilistic', param: 0.25 } }));
    await eventually(async () => expect((await ask('anything-else')).probabilisticSampling).toEqual({ samplingRate: 0.25 }));

    writeFileSync(file, '{"default_strategy": {"type": "probabilistic", "param": 7}}');
    await eventually(async () => {
      const page = await (await fetch(`${server.baseUrl}/sampling`)).text();
      expect(page).toMatch(/default_strategy.param/);
    });
    expect((await ask('anything-else')).probabilisticSampling).toEqual({ samplingRate: 0.25 });
    expect((await ask('payments')).strategyType).toBe('RATE_LIMITING');

    const page = await (await fetch(`${server.baseUrl}/sampling`)).text();
    expect(page).toContain('checkout');
    expect(page).toContain('GET /health');
    expect(page).toContain('rate limiting 5 traces/s');
  });
});

describe('remote sampling without a file', () => {
  test('every service samples everything (probabilistic 1.0), the documented default', async () => {
    const res = await fetch(`${inject('baseUrl')}/api/sampling?service=whatever`);
    expect(await res.json()).toEqual({ strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 1 } });
  });

  test('the /sampling page names the sampling port this server listens on (JAEGER_SAMPLING_PORT)', async () => {
    const port = inject('ingestPorts').sampling;
    expect(port).not.toBe(5778);
    // React marks the joins of adjacent text with empty comments
    const page = (await (await fetch(`${inject('baseUrl')}/sampling`)).text()).replaceAll('<!-- -->', '');
    expect(page).toContain(`GET :${port}/sampling?service=NAME`);
    expect(page).not.toContain(':5778');
  });
});

describe('a broken strategies file at start', () => {
  test('stops the start with a message naming the variable', async () => {
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"service_strategies": [{"service": "x", "type": "sometimes", "param": 1}]}');
    await expect(startTestServer({ env: { SAMPLING_STRATEGIES_FILE: broken } })).rejects.toThrow(
      /SAMPLING_STRATEGIES_FILE .*broken.json is not a valid Jaeger strategies file: service_strategies.0/,
    );
  });
});
