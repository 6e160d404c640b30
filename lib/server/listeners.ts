import http from 'node:http';
import type { TEnv } from '@/lib/env';
import type { IngestDeps, SpanSink } from '@/lib/ingest/ingest-deps';
import { startJaegerAgentUdp } from '@/lib/ingest/jaeger/start-jaeger-agent-udp';
import { startOtlpGrpc } from '@/lib/ingest/otlp/start-otlp-grpc';
import { CLIENT_ADDRESS_HEADER } from '@/lib/ingest/log-auth-refusal';
import { logger } from '@/lib/log';
import { createHttpServer, type IngestMemory } from './create-http-server';
import type { ReadAccess } from './guard-read-access';
import { metrics, timeQuery } from './metrics';

// Every listener besides the main port, in one table: the ports and paths each exporter
// defaults to, like a Jaeger all-in-one, and Tempo's query port for Grafana's Tempo data source. Port 0 disables a listener. HTTP listeners forward to the
// Next.js handler, restricted to their protocol's paths; several on one port share a server; one on
// the main port is already served there. gRPC and UDP run in this process. A port that cannot be
// bound stops the start with a message naming the variable to change.

const log = logger('spanscope');

type PortVariable =
  | 'OTLP_HTTP_PORT'
  | 'OTLP_GRPC_PORT'
  | 'JAEGER_HTTP_PORT'
  | 'JAEGER_AGENT_COMPACT_PORT'
  | 'JAEGER_AGENT_BINARY_PORT'
  | 'ZIPKIN_PORT'
  | 'JAEGER_SAMPLING_PORT'
  | 'TEMPO_HTTP_PORT';

type HttpSpec = {
  kind: 'http';
  name: string;
  variable: PortVariable;
  /** what a client reads in the log and in a 404 */
  serves: string;
  /** the Next.js URL a request is served as, or undefined when this listener does not serve it */
  route: (method: string, pathname: string, search: string) => string | undefined;
};
type GrpcSpec = { kind: 'grpc'; name: string; variable: PortVariable; serves: string };
type UdpSpec = { kind: 'udp'; name: string; variable: PortVariable; serves: string; protocol: 'compact' | 'binary' };
export type ListenerSpec = HttpSpec | GrpcSpec | UdpSpec;

const only =
  (paths: string[], methods: string[] = ['POST', 'OPTIONS']) =>
  (method: string, pathname: string, search: string) =>
    paths.includes(pathname) && methods.includes(method) ? pathname + search : undefined;

const TEMPO_PATHS = [/^\/api\/echo$/, /^\/api\/status\/buildinfo$/, /^\/api\/(v2\/)?search(\/tags|\/tag\/[^/]+\/values)?$/, /^\/api\/(v2\/)?traces\/[^/]+$/];
const isTempoPath = (pathname: string) => TEMPO_PATHS.some((re) => re.test(pathname));

export const LISTENERS: readonly ListenerSpec[] = [
  { kind: 'http', name: 'OTLP/HTTP', variable: 'OTLP_HTTP_PORT', serves: 'POST /v1/traces', route: only(['/v1/traces']) },
  { kind: 'grpc', name: 'OTLP/gRPC', variable: 'OTLP_GRPC_PORT', serves: 'TraceService/Export, grpc.health.v1' },
  { kind: 'http', name: 'Jaeger Thrift over HTTP', variable: 'JAEGER_HTTP_PORT', serves: 'POST /api/traces', route: only(['/api/traces']) },
  { kind: 'udp', name: 'Jaeger agent, compact Thrift', variable: 'JAEGER_AGENT_COMPACT_PORT', serves: 'UDP emitBatch', protocol: 'compact' },
  { kind: 'udp', name: 'Jaeger agent, binary Thrift', variable: 'JAEGER_AGENT_BINARY_PORT', serves: 'UDP emitBatch', protocol: 'binary' },
  { kind: 'http', name: 'Zipkin', variable: 'ZIPKIN_PORT', serves: 'POST /api/v2/spans, POST /api/v1/spans', route: only(['/api/v2/spans', '/api/v1/spans']) },
  {
    kind: 'http',
    name: 'Jaeger remote sampling',
    variable: 'JAEGER_SAMPLING_PORT',
    serves: 'GET /sampling?service=',
    // as on a Jaeger agent, the handler answers on any path (clients ask for /sampling or /)
    route: (method, _pathname, search) => (method === 'GET' || method === 'HEAD' ? `/api/sampling${search}` : undefined),
  },
  {
    kind: 'http',
    name: 'Tempo query API',
    variable: 'TEMPO_HTTP_PORT',
    serves: 'GET /api/search, /api/traces/{id}, /api/search/tags, … (Grafana\'s Tempo data source)',
    // Tempo's paths collide with Jaeger's on the main port (/api/traces/{id}), so they live
    // under /api/tempo there and this port maps them
    route: (method, pathname, search) => (method === 'GET' || method === 'HEAD') && isTempoPath(pathname) ? `/api/tempo${pathname.slice(4)}${search}` : undefined,
  },
];

export type RunningListener = { name: string; close: () => Promise<void> };

const SHUTDOWN_GRACE_MS = 15_000;

/** The message for a port that cannot be bound, naming the variable to change. */
export const bindErrorMessage = (err: NodeJS.ErrnoException, port: number, host: string, variable: string): string => {
  const text = `${err.code ?? ''} ${err.message}`;
  const why = /EADDRINUSE|in use/i.test(text) ? 'is already in use' : /EACCES|permission/i.test(text) ? 'needs privileges' : `failed (${err.message})`;
  return `port ${port} on ${host} ${why}: set ${variable} to a free port, or 0 to disable that listener`;
};

/** Binds an HTTP server; the error names `variable`. */
export const listenHttp = (server: http.Server, port: number, host: string, variable: string): Promise<void> =>
  new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(new Error(bindErrorMessage(err, port, host, variable))));
    server.listen(port, host, () => resolve());
  });

const DRAINING = Symbol('draining');
type DrainableServer = http.Server & { [DRAINING]?: boolean };

/**
 * An HTTP server whose requests go to `handler` until closeHttp starts draining it; from then on a
 * request arriving on a kept-alive connection is answered 503 + `Connection: close` +
 * Retry-After (exporters retry elsewhere or later; nothing of it was stored), while the requests
 * already being handled finish and are answered.
 */
export const createDrainableServer = (handler: http.RequestListener, ingest?: IngestMemory): http.Server => {
  // built on createHttpServer, so that a draining server still refuses overlong URLs in JSON
  const server: DrainableServer = createHttpServer((req, res) => {
    if (!server[DRAINING]) return handler(req, res);
    req.resume();
    res.shouldKeepAlive = false;
    res
      .writeHead(503, { 'content-type': 'application/json', connection: 'close', 'retry-after': '5' })
      .end(JSON.stringify({ code: 14, message: 'server is shutting down; retry later' }) + '\n');
  }, ingest);
  return server;
};

/**
 * Drains and closes: stops accepting connections, answers new requests on open ones with 503
 * (createDrainableServer), lets requests in flight finish (at most 15 s, after which their
 * connections are reset), closing each connection as soon as it is idle.
 */
export const closeHttp = (server: http.Server) =>
  new Promise<void>((resolve) => {
    (server as DrainableServer)[DRAINING] = true;
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    // connections become idle as their last response is sent: close them then
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => (clearTimeout(force), clearInterval(idle), resolve()));
    server.closeIdleConnections();
  });

const pathAndSearchOf = (url: string): string => url.split('?')[0];

type NextHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

/** The request with the connection's peer address in CLIENT_ADDRESS_HEADER (a client-sent one is replaced), for the ingest refusal log. */
export const withClientAddress = (req: http.IncomingMessage): http.IncomingMessage => {
  req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? 'unknown address';
  return req;
};

const startHttpPort = async (port: number, specs: HttpSpec[], config: TEnv, handle: NextHandler, ingestMemory: IngestMemory, access?: ReadAccess): Promise<RunningListener> => {
  const server = createDrainableServer((req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const [pathname, search] = q === -1 ? [url, ''] : [url.slice(0, q), url.slice(q)];
    for (const spec of specs) {
      const target = spec.route(req.method ?? 'GET', pathname, search);
      if (target === undefined) continue;
      req.url = target;
      // the Tempo port serves reads only: it is behind the read access control (the other ports ingest)
      if (spec.variable === 'TEMPO_HTTP_PORT') {
        timeQuery(req, res, pathAndSearchOf(target));
        if (access !== undefined) return access.tempo(req, res, () => void handle(withClientAddress(req), res));
      }
      return void handle(withClientAddress(req), res);
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end(`404 page not found: this port serves ${specs.map((s) => s.serves).join(', ')}\n`);
  }, ingestMemory);
  await listenHttp(server, port, config.HOST, specs.map((s) => s.variable).join(' or '));
  return { name: specs.map((s) => s.name).join(' + '), close: () => closeHttp(server) };
};

/**
 * Starts every listener of the table that is enabled; on a bind failure closes those started and
 * throws. gRPC and UDP write to `sink`; the HTTP ones reach theirs through the route handlers.
 */
export const startListeners = async (config: TEnv, handle: NextHandler, sink: SpanSink, ingestMemory: IngestMemory, access?: ReadAccess): Promise<RunningListener[]> => {
  const running: RunningListener[] = [];
  const host = config.HOST;
  const ingest: IngestDeps = { sink, retentionDays: config.RETENTION_DAYS, memory: ingestMemory.memory, metrics: metrics().ingest };
  const udpLocked = config.INGEST_TOKENS.length > 0 && !config.JAEGER_AGENT_ALLOW_UNAUTHENTICATED;
  const httpByPort = new Map<number, HttpSpec[]>();
  try {
    for (const spec of LISTENERS) {
      const port = config[spec.variable];
      if (port === 0) continue;
      if (spec.kind === 'http') {
        if (port === config.PORT) continue; // the main port serves every path already
        httpByPort.set(port, [...(httpByPort.get(port) ?? []), spec]);
      } else if (spec.kind === 'grpc') {
        const grpc = await startOtlpGrpc(host, port, { ...ingest, maxMessageBytes: config.INGEST_MAX_BODY_BYTES, tokens: config.INGEST_TOKENS, memory: ingestMemory.memory }).catch(
          (err: NodeJS.ErrnoException) => Promise.reject(new Error(bindErrorMessage(err, port, host, spec.variable))),
        );
        running.push({ name: spec.name, close: grpc.close });
        log.info(`${spec.name} ingest on port ${port} (${spec.serves})`);
      } else if (udpLocked) {
        log.info(`${spec.name} on UDP ${port} stays off: INGEST_TOKENS is set and UDP cannot carry a token (set JAEGER_AGENT_ALLOW_UNAUTHENTICATED=true to open it)`);
      } else {
        const otherPort = spec.protocol === 'compact' ? config.JAEGER_AGENT_BINARY_PORT : config.JAEGER_AGENT_COMPACT_PORT;
        const udp = await startJaegerAgentUdp(host, port, spec.protocol, ingest, otherPort).catch((err: NodeJS.ErrnoException) =>
          Promise.reject(new Error(bindErrorMessage(err, port, host, spec.variable))),
        );
        running.push({ name: spec.name, close: udp.close });
        log.info(`${spec.name} ingest on UDP port ${port} (${spec.serves})`);
      }
    }
    for (const [port, specs] of httpByPort) {
      running.push(await startHttpPort(port, specs, config, handle, ingestMemory, access));
      for (const spec of specs) log.info(`${spec.name} on port ${port} (${spec.serves})`);
    }
  } catch (err) {
    await Promise.all(running.map((l) => l.close()));
    throw err;
  }
  return running;
};
