import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, inject, test } from 'vitest';

// GET /api/ui/search's paging contract against the real server and PostgreSQL: the page's sort
// is applied by the server to every match, nextPageToken walks the rest (with the first answer's
// window pinned), a token of another search is a 400 naming pageToken, and the total is exact.

const baseUrl = inject('baseUrl');
const otlpUrl = inject('otlpUrl');
const run = randomBytes(3).toString('hex');
const svc = `ui-paging-${run}`;
const front = `ui-paging-front-${run}`;
const TRACES = 25;

type Hit = { traceId: string; durationUs: number; rootServiceName: string };
type Answer = { traces: Hit[]; window: { startMs: number; endMs: number }; nextPageToken: string; total: number; totalIsEstimate: boolean };

const get = async (query: string) => {
  const res = await fetch(`${baseUrl}/api/ui/search?${query}`);
  return { status: res.status, body: await res.json() };
};

const span = (traceId: string, parent: string | undefined, name: string, startNs: bigint, ms: number) => ({
  traceId, spanId: randomBytes(8).toString('hex'), ...(parent && { parentSpanId: parent }), name, kind: 2,
  startTimeUnixNano: String(startNs), endTimeUnixNano: String(startNs + BigInt(ms * 1_000_000)),
});

const resource = (service: string, spans: unknown[]) => ({
  resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
  scopeSpans: [{ spans }],
});

// trace i starts i seconds after the first and lasts (TRACES - i) * 10 ms: the newest are the shortest
const traceIds = Array.from({ length: TRACES }, () => randomBytes(16).toString('hex'));
const durationMs = (i: number) => (TRACES - i) * 10;

beforeAll(async () => {
  const t0 = BigInt(Date.now() - 10 * 60_000) * 1_000_000n;
  const spans = traceIds.map((id, i) => span(id, undefined, `op-${i}`, t0 + BigInt(i) * 1_000_000_000n, durationMs(i)));
  // two more traces that reach `svc` from a `front` root: 1 s and 2 s long
  const rooted = [0, 1].map(() => randomBytes(16).toString('hex'));
  const roots = rooted.map((id, i) => span(id, undefined, 'GET /', t0, (i + 1) * 1000));
  const children = rooted.map((id, i) => span(id, roots[i].spanId, 'child', t0 + 1_000_000n, 5));
  const res = await fetch(`${otlpUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ resourceSpans: [resource(svc, [...spans, ...children]), resource(front, roots)] }),
  });
  expect(res.status).toBe(200);
});

/** Every page of a search, each later one with the token and the first answer's window. */
const walk = async (query: string): Promise<Answer[]> => {
  const first = await get(query);
  expect(first.status).toBe(200);
  const pages: Answer[] = [first.body];
  while (pages[pages.length - 1].nextPageToken !== '') {
    const { startMs, endMs } = pages[0].window;
    const token = encodeURIComponent(pages[pages.length - 1].nextPageToken);
    const next = await get(`${query.replace(/&?lookback=[^&]*/, '')}&lookback=custom&start=${startMs}&end=${endMs}&pageToken=${token}`);
    expect(next.status).toBe(200);
    expect(next.body.window).toEqual(pages[0].window);
    pages.push(next.body);
    expect(pages.length).toBeLessThan(20);
  }
  return pages;
};

describe('GET /api/ui/search: server-side sort, paging, totals', () => {
  const only = (hits: Hit[]) => hits.filter((h) => traceIds.includes(h.traceId)).map((h) => h.traceId);

  test('sort=longest puts the globally longest first, and the pages visit every trace once', async () => {
    const pages = await walk(`service=${svc}&sort=longest&limit=10&traceMaxDuration=500ms`);
    expect(pages.map((p) => p.traces.length)).toEqual([10, 10, 5]);
    expect(pages.map((p) => p.total)).toEqual([TRACES, TRACES, TRACES]);
    expect(pages.every((p) => !p.totalIsEstimate)).toBe(true);
    const all = pages.flatMap((p) => p.traces);
    expect(all.map((h) => h.traceId)).toEqual(traceIds); // trace 0 is the longest
    expect(all[0].durationUs).toBe(durationMs(0) * 1000);
  });

  test('the default sort is newest first; shortest walks the other way', async () => {
    const newest = await get(`service=${svc}&limit=5&traceMaxDuration=500ms`);
    expect(only(newest.body.traces)).toEqual(traceIds.slice(-5).reverse());
    const shortest = await walk(`service=${svc}&sort=shortest&limit=7&traceMaxDuration=500ms`);
    expect(shortest.flatMap((p) => p.traces).map((h) => h.traceId)).toEqual([...traceIds].reverse());
  });

  test('a token of another search is a 400 naming pageToken; so is a malformed one', async () => {
    const first = (await get(`service=${svc}&sort=longest&limit=10`)).body as Answer;
    expect(first.nextPageToken).not.toBe('');
    const { startMs, endMs } = first.window;
    const pinned = `service=${svc}&lookback=custom&start=${startMs}&end=${endMs}&limit=10`;
    const token = encodeURIComponent(first.nextPageToken);
    expect((await get(`${pinned}&sort=longest&pageToken=${token}`)).status).toBe(200);
    for (const other of [`${pinned}&sort=shortest`, `${pinned}&sort=longest&minDuration=1ms`, `service=${svc}&lookback=custom&start=${startMs - 1}&end=${endMs}&sort=longest`]) {
      const { status, body } = await get(`${other}&pageToken=${token}`);
      expect(status).toBe(400);
      expect(body.error.param).toBe('pageToken');
      expect(body.error.message).toMatch(/different query/);
    }
    const bad = await get(`${pinned}&sort=longest&pageToken=not-a-token`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ param: 'pageToken', message: expect.stringMatching(/^pageToken: /) });
  });

  test('trace-level criteria: the whole trace\'s duration and its root service', async () => {
    const all = await get(`service=${svc}&limit=100`);
    expect(all.body.total).toBe(TRACES + 2);
    expect(all.body.nextPageToken).toBe('');
    const rooted = await get(`service=${svc}&rootService=${front}&traceMinDuration=1.5s`);
    expect(rooted.body.total).toBe(1);
    expect(rooted.body.traces).toMatchObject([{ rootServiceName: front, durationUs: 2_000_000 }]);
    const inverted = await get(`service=${svc}&traceMinDuration=2s&traceMaxDuration=1s`);
    expect(inverted.status).toBe(400);
    expect(inverted.body.error.param).toBe('traceMaxDuration');
  });
});
