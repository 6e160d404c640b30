import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { TraceOrder } from '@/lib/model/trace-order';
import { otlpRequest, otlpSpan, postOtlpJson, randomHexId } from '@/lib/test/otlp-json-request';

// Search over every match, sorted and paged on the server, checked against a brute-force
// computation from the spans sent: 2,000 traces of a service pair of this test's own, each sent
// in two requests (the root's service, then the callee's), some with errors.

const baseUrl = inject('baseUrl');
const otlpUrl = inject('otlpUrl');
process.env.DATABASE_URL ??= inject('databaseUrl'); // the store is also called directly below

const TRACES = 2_000;
const MS = 1_000_000n;
const run = randomHexId(4);
const front = `paging-front-${run}`;
const back = `paging-back-${run}`;

type Sent = { traceId: string; startNs: bigint; endNs: bigint; spans: number; errors: number };
const sent: Sent[] = [];

// deterministic pseudo-random numbers, so a failure can be replayed
let seed = 7;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);

const windowParams = () => {
  const params = new URLSearchParams({
    'query.serviceName': front,
    'query.startTimeMin': new Date(Date.now() - 3 * 3_600_000).toISOString(),
    'query.startTimeMax': new Date(Date.now() + 60_000).toISOString(),
  });
  return params;
};

const summaries = async (params: URLSearchParams) => {
  const res = await fetch(`${baseUrl}/api/v3/trace-summaries?${params}`);
  return { status: res.status, body: await res.json() };
};

/** The brute-force order: by the key, then trace id, both in the same direction. */
const bruteForce = (order: TraceOrder): string[] => {
  const key: Record<TraceOrder, (t: Sent) => bigint> = {
    start_desc: (t) => t.startNs,
    start_asc: (t) => t.startNs,
    duration_desc: (t) => t.endNs - t.startNs,
    duration_asc: (t) => t.endNs - t.startNs,
    span_count_desc: (t) => BigInt(t.spans),
    error_count_desc: (t) => BigInt(t.errors),
  };
  const descending = order.endsWith('_desc');
  return [...sent]
    .sort((a, b) => {
      const ka = key[order](a);
      const kb = key[order](b);
      const byKey = ka < kb ? -1 : ka > kb ? 1 : a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0;
      return descending ? -byKey : byKey;
    })
    .map((t) => t.traceId);
};

beforeAll(async () => {
  const now = BigInt(Date.now()) * MS;
  const fronts: Record<string, unknown>[] = [];
  const backs: Record<string, unknown>[] = [];
  for (let i = 0; i < TRACES; i++) {
    const traceId = randomHexId(16);
    const startNs = now - BigInt(Math.floor(random() * 7_000_000)) * MS / 1_000n; // within the last ~2 h
    const rootMs = BigInt(1 + Math.floor(random() * 5_000));
    const children = Math.floor(random() * 4);
    let endNs = startNs + rootMs * MS;
    let errors = 0;
    fronts.push(otlpSpan({ traceId, spanId: '00000000000000a1', name: 'GET /', startNs, durationNs: rootMs * MS, kind: 2 }));
    for (let c = 0; c < children; c++) {
      const childStart = startNs + BigInt(c + 1) * MS;
      const childMs = BigInt(1 + Math.floor(random() * 8_000)); // may outlast the root
      const failed = random() < 0.2;
      if (failed) errors++;
      if (childStart + childMs * MS > endNs) endNs = childStart + childMs * MS;
      backs.push(
        otlpSpan({ traceId, spanId: `00000000000000b${c}`, parentSpanId: '00000000000000a1', name: 'SELECT', startNs: childStart,
          durationNs: childMs * MS, kind: 2, ...(failed && { status: { code: 2 } }) }),
      );
    }
    sent.push({ traceId, startNs, endNs, spans: 1 + children, errors });
  }
  for (let i = 0; i < fronts.length; i += 500) expect((await postOtlpJson(otlpUrl, otlpRequest(front, fronts.slice(i, i + 500)))).status).toBe(200);
  for (let i = 0; i < backs.length; i += 500) expect((await postOtlpJson(otlpUrl, otlpRequest(back, backs.slice(i, i + 500)))).status).toBe(200);
}, 120_000);

describe('api_v3 trace-summaries over every match', () => {
  it.each(['duration_desc', 'duration_asc', 'start_desc', 'span_count_desc', 'error_count_desc'] as const)(
    'the first 20 by %s equal a brute-force sort of the spans sent',
    async (order) => {
      const params = windowParams();
      params.set('query.orderBy', order);
      params.set('query.searchDepth', '20');
      const { status, body } = await summaries(params);
      expect(status).toBe(200);
      expect(body.summaries.map((s: { traceId: string }) => s.traceId)).toEqual(bruteForce(order).slice(0, 20));
      expect(body).toMatchObject({ total: TRACES, totalIsEstimate: false });
      expect(body.nextPageToken).not.toBe('');
    },
  );

  it('walking every page visits each matching trace exactly once, in order', async () => {
    const seen: string[] = [];
    let token = '';
    const params = windowParams(); // one window for every page: a token belongs to its query
    params.set('query.orderBy', 'start_asc');
    params.set('query.searchDepth', '150');
    for (let pages = 0; pages < 100; pages++) {
      if (token) params.set('query.pageToken', token);
      const { status, body } = await summaries(params);
      expect(status).toBe(200);
      seen.push(...body.summaries.map((s: { traceId: string }) => s.traceId));
      token = body.nextPageToken;
      if (!token) break;
    }
    expect(seen).toEqual(bruteForce('start_asc'));
  });

  it('refuses a token replayed against another query, and an unknown order, naming the parameter', async () => {
    const first = windowParams();
    first.set('query.orderBy', 'duration_desc');
    first.set('query.searchDepth', '5');
    const { body } = await summaries(first);
    const again = new URLSearchParams(first);
    again.set('query.pageToken', body.nextPageToken);
    expect((await summaries(again)).status).toBe(200); // the same query takes it
    const replay = new URLSearchParams(first);
    replay.set('query.operationName', 'GET /');
    replay.set('query.pageToken', body.nextPageToken);
    const refused = await summaries(replay);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^malformed parameter query\.pageToken: the token belongs to a different query/);

    const unknown = windowParams();
    unknown.set('query.orderBy', 'slowest');
    const bad = await summaries(unknown);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^malformed parameter query\.orderBy: unknown order "slowest"/);
  });

  it('trace-level criteria apply to the whole trace: its duration and its root', async () => {
    const params = windowParams();
    params.set('query.traceDurationMin', '4s');
    params.set('query.searchDepth', '1500');
    const { body } = await summaries(params);
    const expected = sent.filter((t) => t.endNs - t.startNs >= 4_000n * MS).map((t) => t.traceId).sort();
    expect(body.summaries.map((s: { traceId: string }) => s.traceId).sort()).toEqual(expected);
    expect(body.total).toBe(expected.length);

    const byRoot = windowParams();
    byRoot.delete('query.serviceName');
    byRoot.set('query.rootServiceName', front);
    byRoot.set('query.rootOperationName', 'GET /');
    byRoot.set('query.searchDepth', '1');
    expect((await summaries(byRoot)).body).toMatchObject({ total: TRACES, totalIsEstimate: false });
    byRoot.set('query.rootServiceName', back); // the callee is never a root
    expect((await summaries(byRoot)).body).toMatchObject({ summaries: [], total: 0 });
  });

  it('api_v3 traces pages the same way, whole traces in the order of the page', async () => {
    const params = windowParams();
    params.set('query.orderBy', 'duration_desc');
    params.set('query.searchDepth', '3');
    const res = await (await fetch(`${baseUrl}/api/v3/traces?${params}`)).json();
    const ids = new Set<string>();
    for (const rs of res.result.resourceSpans) for (const ss of rs.scopeSpans) for (const s of ss.spans) ids.add(s.traceId);
    expect([...ids].sort()).toEqual(bruteForce('duration_desc').slice(0, 3).sort());
    expect(res).toMatchObject({ total: TRACES, totalIsEstimate: false });
    expect(res.nextPageToken).not.toBe('');
  });
});

describe('the walk of summaries for criteria that match many spans', () => {
  it('gives the same pages as listing the matching traces first, and an estimated total', async () => {
    const { findTraceSummaries } = await import('@/lib/store/read/find-trace-summaries');
    const query = {
      serviceName: back, operationName: 'SELECT', tags: [], limit: 20,
      startMinNs: BigInt(Date.now() - 3 * 3_600_000) * MS, startMaxNs: BigInt(Date.now() + 60_000) * MS,
    };
    for (const orderBy of ['duration_desc', 'start_asc'] as const) {
      const listed = await findTraceSummaries({ query, orderBy, size: 25, withTotal: true });
      const walked = await findTraceSummaries({ query, orderBy, size: 25, withTotal: true, candidateSpans: 10 });
      expect(walked.rows.map((r) => r.traceId)).toEqual(listed.rows.map((r) => r.traceId));
      expect(listed.total).toEqual({ value: sent.filter((t) => t.spans > 1).length, isEstimate: false });
      expect(walked.total?.isEstimate).toBe(true);
      const last = listed.rows[listed.rows.length - 1];
      const after = { key: last.sortKey, traceId: last.traceId };
      const next = await findTraceSummaries({ query, orderBy, size: 25, withTotal: false, after });
      const nextWalked = await findTraceSummaries({ query, orderBy, size: 25, withTotal: false, after, candidateSpans: 10 });
      expect(nextWalked.rows.map((r) => r.traceId)).toEqual(next.rows.map((r) => r.traceId));
    }
  });
});
