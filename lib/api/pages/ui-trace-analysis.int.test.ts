import { describe, expect, inject, test } from 'vitest';
import type { CriticalPathBody, TraceStatsBody } from './trace-analysis';

// The trace page's analyses against the real server: spans go in through OTLP/JSON ingest, and
// GET /api/ui/traces/{id}/critical-path and /stats answer from the stored trace.

const baseUrl = inject('baseUrl');
const randomHex = (bytes: number) => Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('hex');
const START_NS = BigInt(Date.now() - 60_000) * 1_000_000n + 7n;

type Spec = { id: string; parent?: string; service: string; name: string; from: bigint; to: bigint; kind?: number; attrs?: Record<string, string | number> };

const send = async (traceId: string, spans: Spec[]) => {
  const services = [...new Set(spans.map((s) => s.service))];
  const res = await fetch(`${baseUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      resourceSpans: services.map((service) => ({
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }, { key: 'region', value: { stringValue: `${service}-eu` } }] },
        scopeSpans: [
          {
            spans: spans
              .filter((s) => s.service === service)
              .map((s) => ({
                traceId,
                spanId: s.id,
                ...(s.parent ? { parentSpanId: s.parent } : {}),
                name: s.name,
                kind: s.kind ?? 1,
                startTimeUnixNano: String(START_NS + s.from),
                endTimeUnixNano: String(START_NS + s.to),
                attributes: Object.entries(s.attrs ?? {}).map(([key, v]) => ({ key, value: typeof v === 'number' ? { intValue: String(v) } : { stringValue: v } })),
              })),
          },
        ],
      })),
    }),
  });
  expect(res.status).toBe(200);
};
const get = async <T>(path: string) => {
  const res = await fetch(`${baseUrl}${path}`);
  return { status: res.status, body: (await res.json()) as T };
};
const MS = 1_000_000n;
const at = (ns: bigint) => String(START_NS + ns);

// frontend GET /checkout [0,120] → checkout PlaceOrder [10,100] → reserve-stock [12,32], payments
// Charge [40,90] → SELECT balance [45,55]; frontend render [102,117]
const checkout = (ids: string[]): Spec[] => [
  { id: ids[0], service: 'frontend', name: 'GET /checkout', from: 0n, to: 120n * MS, kind: 2, attrs: { 'http.status_code': 200 } },
  { id: ids[1], parent: ids[0], service: 'checkout', name: 'PlaceOrder', from: 10n * MS, to: 100n * MS, kind: 2 },
  { id: ids[2], parent: ids[1], service: 'checkout', name: 'reserve-stock', from: 12n * MS, to: 32n * MS },
  { id: ids[3], parent: ids[1], service: 'payments', name: 'Charge', from: 40n * MS, to: 90n * MS, kind: 3, attrs: { 'http.status_code': 402 } },
  { id: ids[4], parent: ids[3], service: 'payments', name: 'SELECT balance', from: 45n * MS, to: 55n * MS },
  { id: ids[5], parent: ids[0], service: 'frontend', name: 'render', from: 102n * MS, to: 117n * MS },
];

describe('GET /api/ui/traces/{id}/critical-path', () => {
  test('returns the sections of the walk from the end backwards, in exact nanoseconds', async () => {
    const traceId = randomHex(16);
    const ids = Array.from({ length: 6 }, () => randomHex(8));
    await send(traceId, checkout(ids));
    const { status, body } = await get<CriticalPathBody>(`/api/ui/traces/${traceId}/critical-path`);
    expect(status).toBe(200);
    const s = (i: number, from: bigint, to: bigint) => ({ spanId: ids[i], startNs: at(from * MS), endNs: at(to * MS) });
    expect(body.sections).toEqual([
      s(0, 117n, 120n),
      s(5, 102n, 117n),
      s(0, 100n, 102n),
      s(1, 90n, 100n),
      s(3, 55n, 90n),
      s(4, 45n, 55n),
      s(3, 40n, 45n),
      s(1, 32n, 40n),
      s(2, 12n, 32n),
      s(1, 10n, 12n),
      s(0, 0n, 10n),
    ]);
  });

  test('is a 404 in the pages envelope for a trace nobody sent, and a 400 naming trace_id for a malformed id', async () => {
    expect(await get(`/api/ui/traces/${randomHex(16)}/critical-path`)).toEqual({ status: 404, body: { error: { message: 'trace not found' } } });
    const bad = await get<{ error: { param: string } }>('/api/ui/traces/xyz/critical-path');
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('trace_id');
  });
});

describe('GET /api/ui/traces/{id}/stats', () => {
  test('counts, total and self time per service and operation', async () => {
    const traceId = randomHex(16);
    await send(traceId, checkout(Array.from({ length: 6 }, () => randomHex(8))));
    const { status, body } = await get<TraceStatsBody>(`/api/ui/traces/${traceId}/stats`);
    expect(status).toBe(200);
    const row = (service: string, operation: string, totalMs: bigint, selfMs: bigint) => ({ service, operation, count: 1, totalNs: String(totalMs * MS), selfNs: String(selfMs * MS) });
    expect(body.rows).toEqual([
      row('payments', 'Charge', 50n, 40n),
      row('checkout', 'PlaceOrder', 90n, 20n),
      row('checkout', 'reserve-stock', 20n, 20n),
      row('frontend', 'GET /checkout', 120n, 15n),
      row('frontend', 'render', 15n, 15n),
      row('payments', 'SELECT balance', 10n, 10n),
    ]);
  });

  test('groupBy splits rows by a span or resource attribute; spans without it have group null', async () => {
    const traceId = randomHex(16);
    await send(traceId, checkout(Array.from({ length: 6 }, () => randomHex(8))));
    const byStatus = await get<TraceStatsBody>(`/api/ui/traces/${traceId}/stats?groupBy=http.status_code`);
    expect(byStatus.body.rows.map((r) => [r.group, r.service, r.operation])).toEqual([
      ['402', 'payments', 'Charge'],
      [null, 'checkout', 'PlaceOrder'],
      [null, 'checkout', 'reserve-stock'],
      ['200', 'frontend', 'GET /checkout'],
      [null, 'frontend', 'render'],
      [null, 'payments', 'SELECT balance'],
    ]);
    const byRegion = await get<TraceStatsBody>(`/api/ui/traces/${traceId}/stats?groupBy=region`);
    expect(new Set(byRegion.body.rows.map((r) => `${r.service}:${r.group}`))).toEqual(new Set(['checkout:checkout-eu', 'payments:payments-eu', 'frontend:frontend-eu']));
  });

  test('a bad groupBy is a 400 naming it; an unknown trace a 404', async () => {
    const traceId = randomHex(16);
    await send(traceId, checkout(Array.from({ length: 6 }, () => randomHex(8))));
    for (const query of ['groupBy=', 'groupBy=a&groupBy=b', `groupBy=${'k'.repeat(1025)}`]) {
      const { status, body } = await get<{ error: { message: string; param: string } }>(`/api/ui/traces/${traceId}/stats?${query}`);
      expect(status).toBe(400);
      expect(body.error.param).toBe('groupBy');
      expect(body.error.message).toContain('groupBy');
    }
    expect(await get(`/api/ui/traces/${randomHex(16)}/stats?groupBy=x`)).toEqual({ status: 404, body: { error: { message: 'trace not found' } } });
  });
});

describe('a 10,000-span trace', () => {
  // gateway root [0, 99 ms + 200 µs]; 99 api calls in sequence with 100 ns gaps; each holds 100
  // db queries in sequence with gaps. Every span has idle time, so every span is on the path.
  const SLOT = 1_000_000n;
  const QSLOT = 9_998n;
  const build = () => {
    const root: Spec = { id: randomHex(8), service: 'gateway', name: 'GET /batch', from: 0n, to: 99n * SLOT + 100n, kind: 2 };
    const spans: Spec[] = [root];
    for (let i = 0n; i < 99n; i++) {
      const cs = i * SLOT + 100n;
      const call: Spec = { id: randomHex(8), parent: root.id, service: 'api', name: 'call', from: cs, to: cs + SLOT - 200n };
      spans.push(call);
      for (let j = 0n; j < 100n; j++) {
        spans.push({ id: randomHex(8), parent: call.id, service: 'db', name: 'query', from: cs + j * QSLOT + 1n, to: cs + (j + 1n) * QSLOT - 1n, attrs: { shard: Number(j % 4n) } });
      }
    }
    return spans;
  };

  test('the critical path covers the root exactly, back to back, through all 10,000 spans; the stats add up', async () => {
    const traceId = randomHex(16);
    const spans = build();
    expect(spans).toHaveLength(10_000);
    for (let i = 0; i < spans.length; i += 2500) await send(traceId, spans.slice(i, i + 2500));

    const t0 = performance.now();
    const { status, body } = await get<CriticalPathBody>(`/api/ui/traces/${traceId}/critical-path`);
    const cpMs = performance.now() - t0;
    expect(status).toBe(200);
    // root: the 100 gaps around its 99 calls; each call: 101 gaps around its queries; each query whole
    expect(body.sections).toHaveLength(100 + 99 * 101 + 9_900);
    expect(new Set(body.sections.map((s) => s.spanId)).size).toBe(10_000);
    expect(body.sections[0].endNs).toBe(at(spans[0].to));
    expect(body.sections.at(-1)!.startNs).toBe(at(0n));
    for (let i = 1; i < body.sections.length; i++) expect(body.sections[i].endNs).toBe(body.sections[i - 1].startNs);

    const t1 = performance.now();
    const stats = await get<TraceStatsBody>(`/api/ui/traces/${traceId}/stats?groupBy=shard`);
    const statsMs = performance.now() - t1;
    expect(stats.status).toBe(200);
    expect(stats.body.rows.map((r) => [r.service, r.operation, r.group ?? null, r.count])).toEqual([
      ['db', 'query', '0', 2475],
      ['db', 'query', '1', 2475],
      ['db', 'query', '2', 2475],
      ['db', 'query', '3', 2475],
      ['gateway', 'GET /batch', null, 1],
      ['api', 'call', null, 99],
    ]);
    // siblings never overlap, so the self times add up to the root's duration
    expect(stats.body.rows.reduce((sum, r) => sum + BigInt(r.selfNs), 0n)).toBe(spans[0].to);
    console.log(`10,000-span trace: critical path answered in ${cpMs.toFixed(0)} ms, stats?groupBy in ${statsMs.toFixed(0)} ms`);
  });
});
