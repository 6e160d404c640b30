import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, test } from 'vitest';

// GET /api/ui/exceptions against the real server: 100 traces carrying exceptions of 3 types,
// whose messages differ only in ids, numbers and quoted values, make exactly 3 groups with exact
// counts, first/last seen and an example trace of their own.

const baseUrl = inject('baseUrl');
const otlpUrl = inject('otlpUrl');
const run = randomBytes(3).toString('hex');
const service = `exc-${run}`;
const baseMs = Date.now() - 30 * 60_000;

const TYPES = [
  { type: 'OrderNotFound', message: (i: number) => `order ${1000 + i} not found` },
  { type: 'PaymentDeclined', message: () => `payment for user ${randomUUID()} declined: code 0x${randomBytes(2).toString('hex')}` },
  { type: 'QueryTimeout', message: (i: number) => `query "report-${i}" timed out after ${i % 7}s` },
];

const expected = new Map<string, { count: number; firstNs: bigint; lastNs: bigint; traces: Set<string> }>();
const attr = (key: string, v: string) => ({ key, value: { stringValue: v } });

beforeAll(async () => {
  const resourceSpans = [];
  for (let i = 0; i < 100; i++) {
    const traceId = randomBytes(16).toString('hex');
    const startNs = BigInt(baseMs + i * 10_000) * 1_000_000n;
    // every trace one exception of type i % 3; every fifth a second one of type (i + 1) % 3 on a child
    const spans = [0, ...(i % 5 === 0 ? [1] : [])].map((j) => {
      const t = TYPES[(i + j) % 3];
      const timeNs = startNs + BigInt(j * 1_000_000 + 500_000);
      const e = expected.get(t.type) ?? { count: 0, firstNs: timeNs, lastNs: timeNs, traces: new Set<string>() };
      e.count++;
      if (timeNs < e.firstNs) e.firstNs = timeNs;
      if (timeNs > e.lastNs) e.lastNs = timeNs;
      e.traces.add(traceId);
      expected.set(t.type, e);
      return {
        traceId, spanId: randomBytes(8).toString('hex'), name: j === 0 ? 'GET /orders' : 'charge', kind: j === 0 ? 2 : 3,
        startTimeUnixNano: String(startNs), endTimeUnixNano: String(startNs + 5_000_000n), status: { code: 2 },
        events: [
          { name: 'cache.miss', timeUnixNano: String(startNs), attributes: [attr('key', 'x')] },
          {
            name: 'exception', timeUnixNano: String(timeNs),
            attributes: [attr('exception.type', t.type), attr('exception.message', t.message(i)), attr('exception.stacktrace', `${t.type}\n  at handler (app.js:${i}:1)`)],
          },
        ],
      };
    });
    resourceSpans.push({ resource: { attributes: [attr('service.name', service)] }, scopeSpans: [{ spans }] });
  }
  const res = await fetch(`${otlpUrl}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ resourceSpans }) });
  expect(res.status).toBe(200);
});

const window = () => `start=${BigInt(baseMs - 60_000) * 1_000_000n}&end=${BigInt(Date.now()) * 1_000_000n}`;

type Group = { service: string; type: string; fingerprint: string; count: number; firstSeenNs: string; lastSeenNs: string; exampleMessage: string; exampleTraceId: string; exampleStacktrace: string; topOperations: { operation: string; count: number }[]; series: { count: number }[] };

describe('GET /api/ui/exceptions', () => {
  test('3 types across 100 traces, messages differing only by ids: exactly 3 groups with exact counts', async () => {
    const res = await fetch(`${baseUrl}/api/ui/exceptions?${window()}&service=${service}`);
    expect(res.status).toBe(200);
    const { groups } = (await res.json()) as { groups: Group[] };
    expect(groups).toHaveLength(3);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(120);
    for (const g of groups) {
      const e = expected.get(g.type)!;
      expect(g.service).toBe(service);
      expect(g.count).toBe(e.count);
      expect(g.firstSeenNs).toBe(String(e.firstNs));
      expect(g.lastSeenNs).toBe(String(e.lastNs));
      expect(e.traces.has(g.exampleTraceId)).toBe(true);
      expect(g.exampleStacktrace).toMatch(new RegExp(`^${g.type}\\n  at handler`));
      expect(g.series.reduce((n, p) => n + p.count, 0)).toBe(g.count);
      expect(g.topOperations.reduce((n, o) => n + o.count, 0)).toBe(g.count);
    }
    expect(Object.fromEntries(groups.map((g) => [g.type, g.fingerprint]))).toEqual({
      OrderNotFound: 'order <num> not found',
      PaymentDeclined: 'payment for user <uuid> declined: code <hex>',
      QueryTimeout: 'query "<str>" timed out after <num>s',
    });
  });

  test('another service sees none of them', async () => {
    const res = await fetch(`${baseUrl}/api/ui/exceptions?${window()}&service=${service}-other`);
    expect((await res.json()).groups).toEqual([]);
  });

  test.each([
    ['start=yesterday', 'start'],
    ['end=-1', 'end'],
    ['start=2000000000000000000&end=1000000000000000000', 'start'],
    [`start=${BigInt(Date.now() - 8 * 24 * 3_600_000) * 1_000_000n}&end=${BigInt(Date.now()) * 1_000_000n}`, 'start'],
  ])('%s is a 400 naming %s', async (query, param) => {
    const res = await fetch(`${baseUrl}/api/ui/exceptions?${query}`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.param).toBe(param);
  });
});
