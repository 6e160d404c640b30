import type { SpanSpec } from './send-otlp';

// A small, realistic shop: a web frontend calling checkout, cart and catalog services, which
// call payment, inventory and a database. Deterministic (seeded), with a few slow and failing
// requests, for the README screenshots.

const random = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

const db = (service: string, statement: string, ms: number): SpanSpec => ({
  service, name: statement, kind: 3, offsetMs: 1, durationMs: ms, attributes: { 'db.system': 'postgresql', 'db.statement': statement },
});

/** `count` traces spread over the last `spreadMs`, each with its start time. */
export const demoTraces = (prefix: string, count: number, spreadMs: number, nowMs = Date.now()) => {
  const rnd = random(42);
  const svc = (name: string) => `${prefix}${name}`;
  const traces: { root: SpanSpec; startMs: number }[] = [];
  for (let i = 0; i < count; i++) {
    const kind = rnd();
    const slow = rnd() < 0.08 ? 6 : 1;
    const fail = rnd() < 0.1;
    const base = (20 + rnd() * 60) * slow;
    let root: SpanSpec;
    if (kind < 0.45) {
      const charge: SpanSpec = { service: svc('payment'), name: 'Charge', kind: 2, offsetMs: 2, durationMs: base * 0.5, error: fail,
        attributes: { 'rpc.system': 'grpc', 'payment.provider': rnd() < 0.5 ? 'stripe' : 'adyen' } };
      root = { service: svc('frontend'), name: 'POST /checkout', kind: 2, durationMs: base + 12, error: fail,
        attributes: { 'http.method': 'POST', 'http.route': '/checkout', 'http.status_code': fail ? 500 : 200 },
        children: [{ service: svc('checkout'), name: 'PlaceOrder', kind: 2, offsetMs: 3, durationMs: base + 4, error: fail, children: [
          charge,
          { service: svc('inventory'), name: 'Reserve', kind: 2, offsetMs: base * 0.55, durationMs: base * 0.3, children: [db(svc('inventory'), 'UPDATE stock', base * 0.2)] },
        ] }] };
    } else if (kind < 0.8) {
      root = { service: svc('frontend'), name: 'GET /product/{id}', kind: 2, durationMs: base * 0.6 + 4,
        attributes: { 'http.method': 'GET', 'http.route': '/product/{id}', 'http.status_code': 200 },
        children: [{ service: svc('catalog'), name: 'GetProduct', kind: 2, offsetMs: 1, durationMs: base * 0.5, children: [db(svc('catalog'), 'SELECT products', base * 0.3)] }] };
    } else {
      root = { service: svc('frontend'), name: 'GET /cart', kind: 2, durationMs: base * 0.4 + 3,
        attributes: { 'http.method': 'GET', 'http.route': '/cart', 'http.status_code': 200 },
        children: [{ service: svc('cart'), name: 'GetCart', kind: 2, offsetMs: 1, durationMs: base * 0.3 }] };
    }
    traces.push({ root, startMs: nowMs - spreadMs + (i / count) * spreadMs + rnd() * 1000 });
  }
  return traces;
};
