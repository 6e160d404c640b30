import { randomHexId } from '@/lib/test/otlp-json-request';

// The hand-built traces the filter engine's table test runs every query against
// (search-filtered-traces.int.test.ts). Each trace is there to make some query match or miss:
// typed values (int 500, string "500", string "60", double), absent attributes, events whose
// attributes must be matched together, links, scopes, resources, and call trees for the
// structural operators. Service names carry a per-run suffix so parallel tests never meet.

const MS = 1_000_000n;

type AnyValue = { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };
export type Attrs = Record<string, string | number | boolean | { double: number }>;

const value = (v: Attrs[string]): AnyValue =>
  typeof v === 'string' ? { stringValue: v } : typeof v === 'boolean' ? { boolValue: v } : typeof v === 'number' ? { intValue: String(v) } : { doubleValue: v.double };
const kvs = (a: Attrs = {}) => Object.entries(a).map(([key, v]) => ({ key, value: value(v) }));

export type FixtureSpan = {
  id: string;
  parent?: string;
  service: string;
  name: string;
  kind?: number;
  /** ms after the trace start */
  at?: number;
  ms: number;
  attrs?: Attrs;
  status?: { code: number; message?: string };
  events?: { name: string; attrs?: Attrs }[];
  links?: { trace: string; attrs?: Attrs }[];
  /** resource attributes besides service.name */
  resource?: Attrs;
  scope?: { name: string; version?: string; attrs?: Attrs };
};

export type FixtureTrace = { key: string; spans: FixtureSpan[] };

export const makeFixture = () => {
  const run = randomHexId(3);
  const svc = { shop: `shop-${run}`, pay: `pay-${run}`, db: `db-${run}`, edge: `edge-${run}` };
  const S = svc;
  const traces: FixtureTrace[] = [
    {
      key: 'checkout-ok',
      spans: [
        { id: 'a1', service: S.shop, name: 'POST /checkout', kind: 2, ms: 300, attrs: { 'http.status_code': 200, 'http.route': '/api/orders/42', 'user.tier': 'gold' }, resource: { region: 'us' } },
        { id: 'a2', parent: 'a1', service: S.pay, name: 'charge', kind: 3, at: 10, ms: 120, attrs: { amount: { double: 12.5 }, 'retry.count': 0 } },
        { id: 'a3', parent: 'a2', service: S.db, name: 'SELECT orders', kind: 3, at: 20, ms: 40, attrs: { 'db.system': 'postgresql', 'db.statement': 'SELECT * FROM orders' } },
      ],
    },
    {
      key: 'checkout-slow-failed',
      spans: [
        { id: 'b1', service: S.shop, name: 'POST /checkout', kind: 2, ms: 2500, attrs: { 'http.status_code': 500, 'http.route': '/api/orders/7' }, resource: { region: 'eu' } },
        {
          id: 'b2', parent: 'b1', service: S.pay, name: 'charge', kind: 3, at: 5, ms: 2300, attrs: { amount: { double: 99.99 } },
          status: { code: 2, message: 'card declined' },
          events: [{ name: 'exception', attrs: { 'exception.type': 'CardError', attempt: 1 } }, { name: 'retry', attrs: { attempt: 2 } }],
        },
        { id: 'b3', parent: 'b2', service: S.db, name: 'INSERT payments', kind: 3, at: 100, ms: 30, attrs: { 'db.system': 'postgresql' } },
      ],
    },
    {
      key: 'health-503',
      spans: [{ id: 'c1', service: S.shop, name: 'GET /health', kind: 2, ms: 2, attrs: { 'http.status_code': 503, 'http.route': '/health' }, resource: { region: 'us', 'deployment.environment': 'staging' } }],
    },
    {
      key: 'legacy-string-500',
      spans: [{ id: 'd1', service: S.edge, name: 'GET /legacy', kind: 2, ms: 15, attrs: { 'http.status_code': '500', 'http.route': '/legacy/orders/1' } }],
    },
    {
      key: 'legacy-string-60',
      spans: [{ id: 'e1', service: S.edge, name: 'GET /legacy', kind: 2, ms: 16, attrs: { 'http.status_code': '60' } }],
    },
    {
      key: 'batch-25',
      spans: [
        { id: 'f0', service: S.shop, name: 'batch', kind: 1, ms: 900, attrs: { 'batch.size': 25 } },
        ...Array.from({ length: 25 }, (_, i): FixtureSpan => ({ id: `f${(i + 1).toString(16).padStart(2, '0')}`, parent: 'f0', service: S.shop, name: 'item', kind: 1, at: 1 + i * 30, ms: 20 + i, attrs: { 'item.index': i } })),
      ],
    },
    {
      key: 'fanout-siblings',
      spans: [
        { id: 'g1', service: S.edge, name: 'fanout', kind: 2, ms: 50, links: [{ trace: 'checkout-ok', attrs: { 'link.reason': 'follows', weight: 3 } }] },
        { id: 'g2', parent: 'g1', service: S.pay, name: 'refund', kind: 3, at: 1, ms: 10 },
        { id: 'g3', parent: 'g1', service: S.db, name: 'UPDATE refunds', kind: 3, at: 2, ms: 11, attrs: { 'db.system': 'mysql', peer: 'x' } },
      ],
    },
    {
      key: 'events-uncorrelated',
      spans: [
        {
          id: 'h1', service: S.pay, name: 'settle', kind: 1, ms: 70,
          // exception with attempt 2, retry with attempt 1: no ONE event is (exception, attempt 1)
          events: [{ name: 'exception', attrs: { 'exception.type': 'Timeout', attempt: 2 } }, { name: 'retry', attrs: { attempt: 1 } }],
          scope: { name: 'my.instrumentation', version: '1.2.0', attrs: { 'lib.flavor': 'vanilla' } },
        },
      ],
    },
    {
      key: 'unscoped-span-region',
      spans: [{ id: 'i1', service: S.edge, name: 'route', kind: 1, ms: 5, attrs: { region: 'eu-span', 'user.tier': 'silver', 'ratio': { double: 0.25 } }, resource: { region: 'us' } }],
    },
    {
      key: 'ok-status-bool',
      spans: [{ id: 'j1', service: S.edge, name: 'cache', kind: 4, ms: 1, attrs: { 'cache.hit': true, 'http.status_code': 204 }, status: { code: 1 } }],
    },
  ];
  return { run, svc, traces };
};

/** The OTLP/JSON requests sending a fixture (one request per service and resource), and each trace's id. */
export const fixtureRequests = (traces: FixtureTrace[], startMs: number) => {
  const ids = new Map(traces.map((t) => [t.key, randomHexId(16)]));
  const spanIds = new Map<string, string>();
  const spanId = (traceKey: string, id: string) => {
    const k = `${traceKey}/${id}`;
    if (!spanIds.has(k)) spanIds.set(k, randomHexId(8));
    return spanIds.get(k)!;
  };
  const groups = new Map<string, { resource: Attrs & { 'service.name': string }; scope?: FixtureSpan['scope']; spans: unknown[] }>();
  traces.forEach((t, ti) => {
    const t0 = BigInt(startMs + ti * 1000) * MS;
    for (const s of t.spans) {
      const resource = { 'service.name': s.service, ...s.resource };
      const group = JSON.stringify([resource, s.scope ?? null]);
      if (!groups.has(group)) groups.set(group, { resource, scope: s.scope, spans: [] });
      const start = t0 + BigInt(Math.round((s.at ?? 0) * 1000)) * 1000n;
      groups.get(group)!.spans.push({
        traceId: ids.get(t.key),
        spanId: spanId(t.key, s.id),
        ...(s.parent && { parentSpanId: spanId(t.key, s.parent) }),
        name: s.name,
        kind: s.kind ?? 1,
        startTimeUnixNano: String(start),
        endTimeUnixNano: String(start + BigInt(s.ms) * MS),
        attributes: kvs(s.attrs),
        ...(s.status && { status: s.status }),
        ...(s.events && { events: s.events.map((e, i) => ({ name: e.name, timeUnixNano: String(start + BigInt(i + 1) * 1000n), attributes: kvs(e.attrs) })) }),
        ...(s.links && { links: s.links.map((l) => ({ traceId: ids.get(l.trace), spanId: spanId(l.trace, 'a1'), attributes: kvs(l.attrs) })) }),
      });
    }
  });
  const requests = [...groups.values()].map((g) => ({
    resourceSpans: [{ resource: { attributes: kvs(g.resource) }, scopeSpans: [{ scope: g.scope ? { name: g.scope.name, version: g.scope.version, attributes: kvs(g.scope.attrs) } : {}, spans: g.spans }] }],
  }));
  return { ids, spanIds, requests };
};
