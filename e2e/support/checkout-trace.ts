import { type SpanSpec } from './otlp-trace';

/** A small three-service checkout trace with typed attributes, events, an error and a link. */
export const checkoutTrace = (linked?: { traceId: string; spanId: string }): SpanSpec[] => [
  { spanId: 'a000000000000001', service: 'frontend', name: 'GET /checkout', startMs: 0, durationMs: 120, kind: 2,
    attributes: { 'http.method': 'GET', 'http.status_code': 200, 'http.retry': false, 'cart.total': { double: 72.5 } },
    events: [{ name: 'cart.loaded', atMs: 5, attributes: { 'cart.items': 3 } }] },
  { spanId: 'a000000000000002', parentSpanId: 'a000000000000001', service: 'checkout', name: 'PlaceOrder', startMs: 10, durationMs: 90, kind: 2,
    ...(linked ? { links: [linked] } : {}) },
  { spanId: 'a000000000000003', parentSpanId: 'a000000000000002', service: 'checkout', name: 'reserve-stock', startMs: 12, durationMs: 20 },
  { spanId: 'a000000000000004', parentSpanId: 'a000000000000002', service: 'payments', name: 'Charge', startMs: 40, durationMs: 50, kind: 3,
    error: 'card declined', events: [{ name: 'exception', atMs: 85, attributes: { 'exception.type': 'CardDeclined', 'exception.message': 'insufficient funds' } }] },
  { spanId: 'a000000000000005', parentSpanId: 'a000000000000004', service: 'payments', name: 'SELECT balance', startMs: 45, durationMs: 10 },
  { spanId: 'a000000000000006', parentSpanId: 'a000000000000001', service: 'frontend', name: 'render', startMs: 102, durationMs: 15 },
];
