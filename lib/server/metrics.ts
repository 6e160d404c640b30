import type http from 'node:http';
import client from 'prom-client';
import type { IngestMetrics } from '@/lib/ingest/ingest-deps';
import { existingReadPool } from '@/lib/store/db';

// Self-monitoring at GET /metrics on the main port, in Prometheus' text format. One registry per
// process, on globalThis like the runtime (lib/server/runtime.ts): the launcher and Next.js's
// route handlers are two module graphs, and ingest over HTTP counts from inside Next's.
// Ingest reports through the IngestMetrics interface it declares (lib/ingest/ingest-deps.ts),
// the writer through its onCommit option; gauges (queue, pools) are read when scraped.

export type Metrics = {
  registry: client.Registry;
  ingest: IngestMetrics;
  commitSeconds: client.Histogram;
  querySeconds: client.Histogram<'route'>;
  retentionRuns: client.Counter<'outcome'>;
  retentionDroppedBytes: client.Counter;
  retentionDroppedPartitions: client.Counter;
};

/** What the scrape reads from the running process (the writer, the memory budget). */
export type MetricsSources = {
  queuedSpans: () => number;
  heldBytes: () => number;
  ingestPool: () => { total: number; idle: number; waiting: number };
};

const KEY = Symbol.for('spanscope.metrics');
const SOURCES = Symbol.for('spanscope.metrics.sources');
const holder = globalThis as typeof globalThis & { [KEY]?: Metrics; [SOURCES]?: MetricsSources };

const create = (): Metrics => {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry }); // process_resident_memory_bytes, CPU, event-loop lag, heap
  const counter = <L extends string>(name: string, help: string, labelNames: L[]) => new client.Counter<L>({ name, help, labelNames, registers: [registry] });
  const bytes = counter('spanscope_ingest_bytes_received_total', 'Request bytes received by ingest (after gunzip for HTTP), by protocol.', ['protocol']);
  const received = counter('spanscope_ingest_spans_received_total', 'Spans decoded from ingest requests, by protocol.', ['protocol']);
  const stored = counter('spanscope_ingest_spans_stored_total', 'Spans committed to PostgreSQL, by protocol.', ['protocol']);
  const refused = counter(
    'spanscope_ingest_spans_refused_total',
    'Decoded spans not stored, by protocol and reason: rejected (by the decoder or the retention window), overloaded, closed, failed.',
    ['protocol', 'reason'],
  );
  const requestsRefused = counter(
    'spanscope_ingest_requests_refused_total',
    'Ingest requests answered with an error, by protocol and reason (unauthenticated, undecodable, too-large, overloaded, …).',
    ['protocol', 'reason'],
  );
  new client.Gauge({
    name: 'spanscope_ingest_queue_spans',
    help: 'Spans accepted and waiting for their commit.',
    registers: [registry],
    collect() {
      this.set(holder[SOURCES]?.queuedSpans() ?? 0);
    },
  });
  new client.Gauge({
    name: 'spanscope_ingest_queue_bytes',
    help: 'Bytes ingest holds now (request bodies, decoded spans, the write queue), bounded by INGEST_MEMORY_BYTES.',
    registers: [registry],
    collect() {
      this.set(holder[SOURCES]?.heldBytes() ?? 0);
    },
  });
  new client.Gauge({
    name: 'spanscope_pg_pool_connections',
    help: 'PostgreSQL connections of the ingest and read pools, by state (open, idle, waiting = callers waiting for one).',
    labelNames: ['pool', 'state'],
    registers: [registry],
    collect() {
      const ingest = holder[SOURCES]?.ingestPool() ?? { total: 0, idle: 0, waiting: 0 };
      const read = existingReadPool();
      const readStats = read ? { total: read.totalCount, idle: read.idleCount, waiting: read.waitingCount } : { total: 0, idle: 0, waiting: 0 };
      for (const [pool, s] of [['ingest', ingest], ['read', readStats]] as const) {
        this.set({ pool, state: 'open' }, s.total);
        this.set({ pool, state: 'idle' }, s.idle);
        this.set({ pool, state: 'waiting' }, s.waiting);
      }
    },
  });
  const commitSeconds = new client.Histogram({
    name: 'spanscope_ingest_commit_duration_seconds',
    help: 'Time of one commit of queued spans (COPY and trace summaries, one transaction).',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const querySeconds = new client.Histogram<'route'>({
    name: 'spanscope_query_duration_seconds',
    help: 'Time to answer a read (API or page), by route pattern.',
    labelNames: ['route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    ingest: {
      bytesReceived: (protocol, n) => bytes.inc({ protocol }, n),
      spansReceived: (protocol, n) => n > 0 && received.inc({ protocol }, n),
      spansStored: (protocol, n) => n > 0 && stored.inc({ protocol }, n),
      spansRefused: (protocol, reason, n) => n > 0 && refused.inc({ protocol, reason }, n),
      requestRefused: (protocol, reason) => requestsRefused.inc({ protocol, reason }),
    } as IngestMetrics,
    commitSeconds,
    querySeconds,
    retentionRuns: counter('spanscope_retention_runs_total', 'Retention passes, by outcome (ok, failed).', ['outcome']),
    retentionDroppedBytes: counter('spanscope_retention_dropped_bytes_total', 'Bytes of expired day partitions dropped by retention.', []),
    retentionDroppedPartitions: counter('spanscope_retention_dropped_partitions_total', 'Expired day partitions dropped by retention.', []),
  };
};

/** The process's metrics, created on first use. */
export const metrics = (): Metrics => (holder[KEY] ??= create());

/** Tells the scrape where the queue and the ingest pool are (the runtime, once created). */
export const setMetricsSources = (sources: MetricsSources): void => void (holder[SOURCES] = sources);

// the route patterns of lib's read side, so a label never carries a trace id or a service name
const ROUTES = [
  '/api/dependencies', '/api/operations', '/api/services', '/api/services/{service}/operations', '/api/traces', '/api/traces/{id}',
  '/api/v3/operations', '/api/v3/services', '/api/v3/trace-summaries', '/api/v3/traces', '/api/v3/traces/{id}',
  '/api/ui/attributes', '/api/ui/compare', '/api/ui/ingest', '/api/ui/lookup', '/api/ui/search', '/api/ui/service-metrics',
  '/api/ui/traceql/keys', '/api/ui/traceql/values', '/api/ui/traces/{id}', '/api/ui/traces/{id}/critical-path', '/api/ui/traces/{id}/links',
  '/api/ui/traces/{id}/stats', '/api/ui/traces/{id}/spans/{span}/attribute', '/api/storage', '/api/transform',
  '/api/tempo/echo', '/api/tempo/status/buildinfo', '/api/tempo/search', '/api/tempo/search/tags', '/api/tempo/search/tag/{tag}/values',
  '/api/tempo/traces/{id}', '/api/tempo/v2/search/tags', '/api/tempo/v2/search/tag/{tag}/values', '/api/tempo/v2/traces/{id}',
  '/', '/search', '/services', '/storage', '/sampling', '/trace/{id}', '/compare/{pair}',
].map((pattern) => ({ pattern, re: new RegExp(`^${pattern.replace(/\{\w+\}/g, '[^/]+')}/?$`) }));

/** The route pattern of a read path, or undefined for anything else (ingest, static files, unknown paths). */
export const queryRouteOf = (pathname: string): string | undefined => ROUTES.find((r) => r.re.test(pathname))?.pattern;

/** The protocol label of an HTTP ingest path, for refusals counted before a handler runs. */
export const ingestProtocolOf = (pathname: string): string =>
  pathname === '/v1/traces' ? 'otlp_http' : pathname === '/api/traces' ? 'jaeger_http' : /^\/api\/v[12]\/spans$/.test(pathname) ? 'zipkin' : 'unknown';

/** Times a read request until its answer is sent, under its route pattern; other requests are not timed. */
export const timeQuery = (req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return;
  const route = queryRouteOf(pathname);
  if (route === undefined) return;
  const end = metrics().querySeconds.startTimer({ route });
  res.once('finish', () => end());
};

/** GET /metrics: the exposition. */
export const serveMetrics = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
  req.resume();
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return void res.writeHead(405, { allow: 'GET', 'content-type': 'text/plain; charset=utf-8' }).end('use GET /metrics\n');
  }
  const { registry } = metrics();
  const body = await registry.metrics();
  res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : body);
};
