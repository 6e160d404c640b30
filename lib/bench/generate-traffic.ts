import Long from 'long';
import { otlpTypes } from '@/lib/ingest/otlp/otlp-proto';
import { SpanKind, StatusCode } from '@/lib/model/span-record';
import { MS_PER_DAY } from '@/lib/model/units';

// Realistic OTLP/protobuf trace traffic for the benchmark: tens of services, hundreds of
// operations, traces of 10–50 spans as a call tree across services, about 10 attributes per
// span including a high-cardinality user id, ~2% error spans, a few events, and the root of one
// trace in 20 linking to the root of the trace before it (as a batch job links to its trigger).
// Deterministic for a seed, so two runs send the same bytes.

export type TrafficOptions = {
  spans: number;
  spansPerRequest: number;
  /** trace start times are spread evenly over this many days back from now */
  days: number;
  seed?: number;
  services?: number;
  operationsPerService?: number;
};

export type GeneratedTraffic = {
  requests: Uint8Array<ArrayBuffer>[];
  spans: number;
  traceIds: string[];
  services: string[];
  /** [service, operation] pairs that exist */
  operations: [string, string][];
  /** a sample of user ids that were sent */
  userIds: string[];
  /** a sample of traces that another trace's span links to */
  linkedTraceIds: string[];
  rawBytes: number;
};

/** mulberry32: a tiny seeded PRNG */
const rng = (seed: number) => () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const ROUTES = ['/api/orders', '/api/orders/{id}', '/api/users/{id}', '/api/cart', '/api/checkout', '/api/search', '/health', '/api/items/{id}'];
const DB_OPS = ['SELECT orders', 'SELECT users', 'INSERT events', 'UPDATE carts', 'SELECT items'];
const HTTP_METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'];

type Op = { name: string; kind: SpanKind; db: boolean };

const kv = (key: string, value: Record<string, unknown>) => ({ key, value });
const str = (key: string, v: string) => kv(key, { stringValue: v });
const int = (key: string, v: number) => kv(key, { intValue: Long.fromNumber(v) });

/** Generates the requests of a benchmark run (protobuf ExportTraceServiceRequest bodies). */
export const generateTraffic = ({
  spans: totalSpans,
  spansPerRequest,
  days,
  seed = 42,
  services: serviceCount = 30,
  operationsPerService = 10,
}: TrafficOptions): GeneratedTraffic => {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const services = Array.from({ length: serviceCount }, (_, i) => `svc-${String(i).padStart(2, '0')}-${pick(['api', 'worker', 'gateway', 'store', 'auth'])}`);
  const ops = new Map<string, Op[]>(
    services.map((s) => [
      s,
      Array.from({ length: operationsPerService }, (_, i) =>
        i < 6
          ? { name: `${HTTP_METHODS[i % HTTP_METHODS.length]} ${ROUTES[i % ROUTES.length]}`, kind: SpanKind.SERVER, db: false }
          : { name: `${DB_OPS[i % DB_OPS.length]} ${i}`, kind: SpanKind.CLIENT, db: true },
      ),
    ]),
  );
  const resources = new Map(
    services.map((s) => [
      s,
      Array.from({ length: 3 }, (_, h) => ({
        attributes: [
          str('service.name', s),
          str('service.version', `1.${h}.0`),
          str('host.name', `${s}-host-${h}`),
          str('telemetry.sdk.language', 'nodejs'),
          str('telemetry.sdk.name', 'opentelemetry'),
          str('deployment.environment', 'production'),
        ],
      })),
    ]),
  );
  const scope = { name: '@opentelemetry/instrumentation-http', version: '0.57.0' };
  const nowMs = Date.now();
  const windowMs = days * MS_PER_DAY - 60_000;

  const requests: Uint8Array<ArrayBuffer>[] = [];
  const traceIds: string[] = [];
  const userIds: string[] = [];
  const linkedTraceIds: string[] = [];
  // the previous trace's root, for links (taken without drawing from `random`, so the rest of the traffic is unchanged)
  let previousRoot: { traceId: Buffer; spanId: Buffer } | undefined;
  let rawBytes = 0;
  // spans waiting to be sent, grouped by service as an SDK batch (or a collector) would
  let pending = new Map<string, unknown[]>();
  let pendingCount = 0;
  const flush = () => {
    const resourceSpans = [...pending].map(([service, spans]) => ({
      resource: pick(resources.get(service)!),
      scopeSpans: [{ scope, spans }],
    }));
    const bytes = new Uint8Array(otlpTypes.ExportTraceServiceRequest.encode({ resourceSpans } as never).finish());
    rawBytes += bytes.length;
    requests.push(bytes);
    pending = new Map();
    pendingCount = 0;
  };

  let made = 0;
  let traceNo = 0;
  const traces = Math.ceil(totalSpans / 30);
  while (made < totalSpans) {
    const traceId = Buffer.alloc(16);
    for (let i = 0; i < 16; i += 4) traceId.writeUInt32BE((random() * 2 ** 32) >>> 0, i);
    if (traceNo % 97 === 0) traceIds.push(traceId.toString('hex'));
    const startMs = nowMs - windowMs + (windowMs * traceNo) / traces + random() * 1000;
    traceNo++;
    const size = Math.min(10 + Math.floor(random() * 41), totalSpans - made);
    const userId = `user-${Math.floor(random() * 100_000)}`;
    if (userIds.length < 1000 && random() < 0.05) userIds.push(userId);
    const spanIds: Buffer[] = [];
    const spanServices: string[] = [];
    const rootDurationMs = 20 + random() * 2000;
    for (let i = 0; i < size; i++) {
      const spanId = Buffer.alloc(8);
      spanId.writeUInt32BE((random() * 2 ** 32) >>> 0 || 1, 0);
      spanId.writeUInt32BE((random() * 2 ** 32) >>> 0, 4);
      const parent = i === 0 ? -1 : Math.floor(random() * i);
      const service = i === 0 ? services[0] : random() < 0.6 && parent >= 0 ? spanServices[parent] : pick(services);
      const op = i === 0 ? ops.get(service)![0] : pick(ops.get(service)!);
      const offsetMs = i === 0 ? 0 : random() * rootDurationMs * 0.8;
      const durationMs = i === 0 ? rootDurationMs : random() * (rootDurationMs - offsetMs);
      const startNs = Long.fromNumber(Math.floor((startMs + offsetMs) * 1e6), true);
      const endNs = startNs.add(Long.fromNumber(Math.max(1000, Math.floor(durationMs * 1e6)), true));
      const error = random() < 0.02;
      const attributes = op.db
        ? [str('db.system', 'postgresql'), str('db.name', 'shop'), str('db.statement', `${op.name} WHERE id = $1`), int('db.rows', Math.floor(random() * 100))]
        : [
            str('http.method', op.name.split(' ')[0]),
            str('http.route', op.name.split(' ')[1] ?? '/'),
            int('http.status_code', error ? 500 : pick([200, 200, 200, 201, 204, 404])),
            str('http.scheme', 'https'),
            str('net.peer.name', `${pick(services)}.internal`),
            int('net.peer.port', 8080),
          ];
      attributes.push(str('user.id', userId), str('request.id', `${traceId.toString('hex').slice(0, 8)}-${i}`), int('span.index', i));
      if (error) attributes.push(kv('error', { boolValue: true }));
      const link = i === 0 && traceNo % 20 === 0 ? previousRoot : undefined;
      if (link && linkedTraceIds.length < 1000) linkedTraceIds.push(link.traceId.toString('hex'));
      const span = {
        traceId,
        spanId,
        parentSpanId: parent >= 0 ? spanIds[parent] : undefined,
        name: op.name,
        kind: op.kind,
        startTimeUnixNano: startNs,
        endTimeUnixNano: endNs,
        attributes,
        events: error
          ? [{ timeUnixNano: endNs, name: 'exception', attributes: [str('exception.type', 'TimeoutError'), str('exception.message', 'upstream timed out')] }]
          : [],
        status: error ? { code: StatusCode.ERROR, message: 'upstream timed out' } : undefined,
        flags: 0x101,
        links: link ? [{ traceId: link.traceId, spanId: link.spanId, flags: 0x101 }] : [],
      };
      if (i === 0) previousRoot = { traceId, spanId };
      spanIds.push(spanId);
      spanServices.push(service);
      const list = pending.get(service);
      if (list) list.push(span);
      else pending.set(service, [span]);
      pendingCount++;
      if (pendingCount >= spansPerRequest) flush();
    }
    made += size;
  }
  if (pendingCount > 0) flush();
  return {
    requests,
    spans: made,
    traceIds,
    services,
    operations: services.flatMap((s) => ops.get(s)!.map((o) => [s, o.name] as [string, string])),
    userIds,
    linkedTraceIds,
    rawBytes,
  };
};
