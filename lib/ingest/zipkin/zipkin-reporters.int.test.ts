import { execFile, spawnSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { Annotation, BatchRecorder, ExplicitContext, Instrumentation, jsonEncoder, option, sampler, Tracer } from 'zipkin';
import { HttpLogger } from 'zipkin-transport-http';
import { describe, expect, inject, test } from 'vitest';
import type { JaegerTrace } from '@/lib/api/jaeger/wire-types';
import { readJaegerTrace } from '@/lib/test/read-trace';

// Real Zipkin reporters, default settings, a two-service trace with a client→server hop over real
// HTTP and B3 headers: npm's zipkin + zipkin-transport-http (JSON v1 and v2; the server reuses its
// client's span id, a genuinely shared span) and Debian's python3-py-zipkin (V1 Thrift, its
// default, V1 JSON and V2 JSON; the server continues with an id of its own, marked shared). Each
// must read back as one trace with one root, the server span under the client span, the edge in
// /api/dependencies, and every start and duration exactly as sent, to the microsecond.

const baseUrl = inject('baseUrl');
const { zipkin } = inject('ingestPorts');
const zipkinUrl = `http://127.0.0.1:${zipkin}`;
const run = () => crypto.randomUUID().slice(0, 8);
const execFileP = promisify(execFile);

/** What a reporter sent for one span, its timing as Zipkin reads it (see py-zipkin-send.py). */
type Sent = { id: string; timestamp: number; duration: number };

/** A v1 span's timing: its own timestamp and duration, else its begin and end annotations. */
const v1Timing = (s: { timestamp?: number; duration?: number; annotations?: { value: string; timestamp: number }[] }) => {
  if (s.timestamp && s.duration) return { timestamp: s.timestamp, duration: s.duration };
  const at = new Map((s.annotations ?? []).map((a) => [a.value, a.timestamp]));
  for (const [b, e] of [['cs', 'cr'], ['sr', 'ss']]) if (at.has(b) && at.has(e)) return { timestamp: at.get(b)!, duration: at.get(e)! - at.get(b)! };
  return { timestamp: s.timestamp ?? 0, duration: s.duration ?? 0 };
};

const serviceOf = (t: JaegerTrace, s: JaegerTrace['spans'][number]) => t.processes[s.processID].serviceName;
const kindOf = (s: JaegerTrace['spans'][number]) => s.tags.find((x) => x.key === 'span.kind')?.value;

/** The checks every reporter must pass. */
const expectTwoServiceTrace = async (traceId: string, fe: string, be: string, sent: Sent[], serverLoggedId: string) => {
  const t = await readJaegerTrace(baseUrl, traceId, { spans: 4, timeoutMs: 10_000 });
  expect(t.spans).toHaveLength(4);
  const roots = t.spans.filter((s) => s.references.length === 0);
  expect(roots.map((s) => [serviceOf(t, s), kindOf(s)])).toEqual([[fe, 'server']]);
  const client = t.spans.find((s) => serviceOf(t, s) === fe && kindOf(s) === 'client')!;
  const server = t.spans.find((s) => serviceOf(t, s) === be && kindOf(s) === 'server')!;
  const local = t.spans.find((s) => serviceOf(t, s) === be && s !== server)!;
  expect(client.references).toEqual([{ refType: 'CHILD_OF', traceID: t.traceID, spanID: roots[0].spanID }]);
  expect(server.references).toEqual([{ refType: 'CHILD_OF', traceID: t.traceID, spanID: client.spanID }]);
  expect(local.references).toEqual([{ refType: 'CHILD_OF', traceID: t.traceID, spanID: server.spanID }]);
  // the id the server logged names its span, or (a shared span) the client half it shares it with
  expect([server.spanID, client.spanID]).toContain(serverLoggedId);
  // every start and duration as sent, to the microsecond
  const times = (xs: { timestamp: number; duration: number }[]) => xs.map((x) => `${x.timestamp}+${x.duration}`).sort();
  expect(times(t.spans.map((s) => ({ timestamp: s.startTime, duration: s.duration })))).toEqual(times(sent));
  const deps = await (await fetch(`${baseUrl}/api/dependencies?service=${encodeURIComponent(be)}`)).json();
  expect(deps.data).toEqual([{ parent: fe, child: be, callCount: 1 }]);
};

describe('zipkin-js (npm zipkin + zipkin-transport-http)', () => {
  test.each([
    ['JSON v1', '/api/v1/spans', jsonEncoder.JSON_V1],
    ['JSON v2', '/api/v2/spans', jsonEncoder.JSON_V2],
  ])('%s: a two-service trace over HTTP with B3 headers', async (_name, endpointPath, encoder) => {
    const [fe, be] = [`zipkinjs-fe-${run()}`, `zipkinjs-be-${run()}`];
    const sent: Sent[] = [];
    const recording = async (url: string, init: { body: string }) => {
      const res = await fetch(url, init as RequestInit);
      expect(res.status).toBe(202);
      for (const s of JSON.parse(init.body)) {
        sent.push({ id: s.id, ...(endpointPath === '/api/v1/spans' ? v1Timing(s) : { timestamp: s.timestamp, duration: s.duration }) });
      }
      return res;
    };
    const tracerOf = (service: string) =>
      new Tracer({
        ctxImpl: new ExplicitContext(),
        recorder: new BatchRecorder({ logger: new HttpLogger({ endpoint: `${zipkinUrl}${endpointPath}`, jsonEncoder: encoder, httpInterval: 50, fetchImplementation: recording } as ConstructorParameters<typeof HttpLogger>[0]) }),
        sampler: new sampler.CountingSampler(1),
        localServiceName: service,
      });
    const [tfe, tbe] = [tracerOf(fe), tracerOf(be)];

    let serverLoggedId = '';
    const backend = http.createServer((req, res) => {
      const inst = new Instrumentation.HttpServer({ tracer: tbe, port: 9000 });
      // the library's typing wants a generic reader; headers are strings
      const readHeader = ((h: string) => {
        const v = req.headers[h.toLowerCase()];
        return typeof v === 'string' ? new option.Some(v) : option.None;
      }) as Parameters<typeof inst.recordRequest>[2];
      const id = inst.recordRequest(req.method!, `http://127.0.0.1${req.url}`, readHeader);
      serverLoggedId = id.spanId;
      tbe.local('load items', () => {
        const until = Date.now() + 5;
        while (Date.now() < until);
      });
      inst.recordResponse(id, '200');
      res.end('items');
    });
    await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(backend.address() as AddressInfo).port}/items`;
    try {
      const rootId = tfe.createRootId();
      tfe.setId(rootId);
      tfe.recordServiceName(fe);
      tfe.recordRpc('GET /');
      tfe.recordAnnotation(new Annotation.ServerRecv());
      const client = new Instrumentation.HttpClient({ tracer: tfe, remoteServiceName: be });
      const req = client.recordRequest({ headers: {} }, url, 'GET') as { headers: Record<string, string> };
      const childId = tfe.id;
      const res = await fetch(url, { headers: req.headers });
      await res.text();
      client.recordResponse(childId, String(res.status));
      tfe.setId(rootId);
      tfe.recordAnnotation(new Annotation.ServerSend());
      const deadline = Date.now() + 5000;
      while (sent.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(sent).toHaveLength(4);
      await expectTwoServiceTrace(rootId.traceId, fe, be, sent, serverLoggedId);
      // zipkin-js shares the client's id with the server: a real shared span, told apart
      expect(serverLoggedId).toBe(childId.spanId);
    } finally {
      backend.close();
    }
  });
});

// py_zipkin is a Debian package (`apt-get install python3-py-zipkin`, which .ci/run does). A
// clone on a machine without it skips these, saying so; CI never skips them.
const hasPyZipkin = spawnSync('/usr/bin/python3', ['-c', 'import py_zipkin']).status === 0;

describe.skipIf(!hasPyZipkin && !process.env.CI)('py_zipkin (Debian python3-py-zipkin)', () => {
  const script = path.join(import.meta.dirname, 'testing', 'py-zipkin-send.py');
  test.each([['V1_THRIFT'], ['V1_JSON'], ['V2_JSON']])('%s: a two-service trace over HTTP with B3 headers', async (encoding) => {
    const prefix = `pyzipkin-${encoding.toLowerCase().replace('_', '')}-${run()}`;
    const { stdout } = await execFileP('/usr/bin/python3', [script, zipkinUrl, encoding, prefix], { timeout: 90_000 });
    const lines = stdout.trim().split('\n');
    const sent: Sent[] = lines.filter((l) => l.startsWith('SENT ')).map((l) => JSON.parse(l.slice(5)));
    const traceId = lines.find((l) => l.startsWith('TRACE_ID '))!.slice(9);
    const serverId = lines.find((l) => l.startsWith('SERVER_ID '))!.slice(10);
    expect(sent).toHaveLength(4);
    await expectTwoServiceTrace(traceId, `${prefix}-fe`, `${prefix}-be`, sent, serverId);
    // py_zipkin's server span has an id of its own (marked shared in V2): kept as the server logged it
    const t = await readJaegerTrace(baseUrl, traceId, { spans: 4 });
    expect(t.spans.map((s) => s.spanID).sort()).toEqual(sent.map((s) => s.id).sort());
  });
});
