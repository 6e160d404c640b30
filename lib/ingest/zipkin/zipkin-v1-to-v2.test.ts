import { describe, expect, test } from 'vitest';
import { zipkinV1ListToV2, zipkinV1ToV2 } from './zipkin-v1-to-v2';

// Zipkin's v1 → v2 conversion rules, with the cases of zipkin2.v1.V1SpanConverterTest (openzipkin/
// zipkin, zipkin/src/test/java/zipkin2/v1/): what Zipkin's own collector stores for each v1 span.

const TS = 1_472_470_996_199_000;
const frontend = { serviceName: 'frontend', ipv4: '127.0.0.1', port: 8080 };
const backend = { serviceName: 'backend', ipv4: '192.168.99.101', port: 9000 };
const kafka = { serviceName: 'kafka' };
const ids = { traceId: '1', parentId: '2', id: '3', name: 'get' };

describe('zipkinV1ToV2 (after zipkin2.v1.V1SpanConverter)', () => {
  test('client: the span\'s own timestamp and duration win over the annotations', () => {
    const v1 = {
      ...ids, timestamp: TS, duration: 207_000,
      annotations: [
        { timestamp: TS + 1, value: 'cs', endpoint: frontend },
        { timestamp: TS + 4_000, value: 'ws', endpoint: frontend },
        { timestamp: TS + 207_002, value: 'cr', endpoint: frontend },
      ],
      binaryAnnotations: [
        { key: 'http.path', value: '/api', endpoint: frontend },
        { key: 'sa', value: true, endpoint: backend },
      ],
    };
    expect(zipkinV1ToV2(v1)).toEqual([
      expect.objectContaining({
        kind: 'CLIENT', timestamp: TS, duration: 207_000, localEndpoint: frontend, remoteEndpoint: backend,
        annotations: [{ timestamp: TS + 4_000, value: 'ws' }], tags: { 'http.path': '/api' },
      }),
    ]);
  });

  test('client without the span\'s timestamp: timed by cs and cr', () => {
    const v1 = { ...ids, annotations: [{ timestamp: TS, value: 'cs', endpoint: frontend }, { timestamp: TS + 250, value: 'cr', endpoint: frontend }] };
    expect(zipkinV1ToV2(v1)).toEqual([expect.objectContaining({ kind: 'CLIENT', timestamp: TS, duration: 250 })]);
  });

  test('a server-only span without timestamp is shared (the client owns the span\'s timestamp)', () => {
    const v1 = {
      ...ids,
      annotations: [{ timestamp: TS + 100, value: 'sr', endpoint: backend }, { timestamp: TS + 200, value: 'ss', endpoint: backend }],
      binaryAnnotations: [{ key: 'ca', value: true, endpoint: frontend }],
    };
    const [s] = zipkinV1ToV2(v1);
    expect(s).toMatchObject({ kind: 'SERVER', shared: true, timestamp: TS + 100, duration: 100, localEndpoint: backend, remoteEndpoint: frontend });
  });

  test('a server-only span with its own timestamp and duration is not shared (it is the root of its side)', () => {
    const v1 = { ...ids, timestamp: TS, duration: 100, annotations: [{ timestamp: TS, value: 'sr', endpoint: backend }, { timestamp: TS + 100, value: 'ss', endpoint: backend }] };
    const [s] = zipkinV1ToV2(v1);
    expect(s).toMatchObject({ kind: 'SERVER', timestamp: TS, duration: 100 });
    expect(s.shared).toBeUndefined();
  });

  test('a server-only span with timestamp but no duration is shared (old clients)', () => {
    const v1 = { ...ids, timestamp: TS, annotations: [{ timestamp: TS, value: 'sr', endpoint: backend }, { timestamp: TS + 100, value: 'ss', endpoint: backend }] };
    expect(zipkinV1ToV2(v1)[0]).toMatchObject({ kind: 'SERVER', shared: true, timestamp: TS, duration: 100 });
  });

  test('both sides in one span: a client span timed by the span and a shared server span timed by sr/ss', () => {
    const v1 = {
      ...ids, timestamp: TS, duration: 1_000,
      annotations: [
        { timestamp: TS, value: 'cs', endpoint: frontend },
        { timestamp: TS + 100, value: 'sr', endpoint: backend },
        { timestamp: TS + 900, value: 'ss', endpoint: backend },
        { timestamp: TS + 1_000, value: 'cr', endpoint: frontend },
      ],
      binaryAnnotations: [{ key: 'http.path', value: '/api', endpoint: backend }, { key: 'clnt', value: 'x', endpoint: frontend }],
    };
    const [client, server] = zipkinV1ToV2(v1);
    expect(client).toMatchObject({ kind: 'CLIENT', timestamp: TS, duration: 1_000, localEndpoint: frontend, tags: { clnt: 'x' } });
    expect(client.shared).toBeUndefined();
    expect(server).toMatchObject({ kind: 'SERVER', shared: true, timestamp: TS + 100, duration: 800, localEndpoint: backend, tags: { 'http.path': '/api' } });
    expect([client.id, server.id]).toEqual(['3', '3']);
  });

  test('loopback (client and server of one service) is still two spans', () => {
    const v1 = {
      ...ids,
      annotations: [
        { timestamp: TS, value: 'cs', endpoint: frontend },
        { timestamp: TS + 10, value: 'sr', endpoint: frontend },
        { timestamp: TS + 20, value: 'ss', endpoint: frontend },
        { timestamp: TS + 30, value: 'cr', endpoint: frontend },
      ],
    };
    expect(zipkinV1ToV2(v1).map((s) => [s.kind, s.shared, s.timestamp, s.duration])).toEqual([
      ['CLIENT', undefined, TS, 30],
      ['SERVER', true, TS + 10, 10],
    ]);
  });

  test('a local span takes its service from the endpoint of a binary annotation; an empty lc is a marker, not a tag', () => {
    const v1 = { ...ids, timestamp: TS, duration: 5, binaryAnnotations: [{ key: 'lc', value: '', endpoint: frontend }, { key: 'rows', value: '12', endpoint: frontend }] };
    const [s] = zipkinV1ToV2(v1);
    expect(s).toMatchObject({ timestamp: TS, duration: 5, localEndpoint: frontend, tags: { rows: '12' } });
    expect(s.kind).toBeUndefined();
    expect(zipkinV1ToV2({ ...ids, timestamp: TS, duration: 5, binaryAnnotations: [{ key: 'q', value: 'v', endpoint: backend }] })[0].localEndpoint).toEqual(backend);
  });

  test('a local span with a component keeps lc as a tag', () => {
    const [s] = zipkinV1ToV2({ ...ids, timestamp: TS, duration: 5, binaryAnnotations: [{ key: 'lc', value: 'worker', endpoint: backend }] });
    expect(s).toMatchObject({ localEndpoint: backend, tags: { lc: 'worker' } });
  });

  test('only cr, with the span\'s timing reaching it: cs is implied, the span is a complete client span', () => {
    const v1 = { ...ids, timestamp: TS, duration: 300, annotations: [{ timestamp: TS + 300, value: 'cr', endpoint: frontend }] };
    expect(zipkinV1ToV2(v1)).toEqual([expect.objectContaining({ kind: 'CLIENT', timestamp: TS, duration: 300, annotations: [] })]);
  });

  test('an incomplete client span (cs only) starts at cs', () => {
    const [s] = zipkinV1ToV2({ ...ids, annotations: [{ timestamp: TS, value: 'cs', endpoint: frontend }] });
    expect(s).toMatchObject({ kind: 'CLIENT', timestamp: TS, localEndpoint: frontend });
    expect(s.duration).toBeUndefined();
  });

  test('producer and consumer: ms/ws and wr/mr', () => {
    const producer = zipkinV1ToV2({
      ...ids,
      annotations: [{ timestamp: TS, value: 'ms', endpoint: frontend }, { timestamp: TS + 5, value: 'ws', endpoint: frontend }],
      binaryAnnotations: [{ key: 'ma', value: true, endpoint: kafka }],
    });
    expect(producer).toEqual([expect.objectContaining({ kind: 'PRODUCER', timestamp: TS, duration: 5, remoteEndpoint: kafka })]);
    const consumer = zipkinV1ToV2({ ...ids, annotations: [{ timestamp: TS + 10, value: 'wr', endpoint: backend }, { timestamp: TS + 15, value: 'mr', endpoint: backend }] });
    expect(consumer).toEqual([expect.objectContaining({ kind: 'CONSUMER', timestamp: TS + 10, duration: 5 })]);
  });

  test('no core annotations but both addresses: a span of the client address with the server as remote', () => {
    const [s] = zipkinV1ToV2({
      ...ids, timestamp: TS, duration: 10,
      binaryAnnotations: [{ key: 'ca', value: true, endpoint: frontend }, { key: 'sa', value: true, endpoint: backend }],
    });
    expect(s).toMatchObject({ localEndpoint: frontend, remoteEndpoint: backend, timestamp: TS, duration: 10 });
  });

  test('py_zipkin\'s simulated local span (cs = sr, cr = ss on one endpoint) is one local span, not a loopback pair', () => {
    const v1 = {
      ...ids, timestamp: TS, duration: 500,
      annotations: [
        { timestamp: TS, value: 'cs', endpoint: backend },
        { timestamp: TS, value: 'sr', endpoint: backend },
        { timestamp: TS + 500, value: 'ss', endpoint: backend },
        { timestamp: TS + 500, value: 'cr', endpoint: backend },
      ],
    };
    const spans = zipkinV1ToV2(v1);
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ timestamp: TS, duration: 500, localEndpoint: backend, annotations: [] });
    expect(spans[0].kind).toBeUndefined();
  });
});

describe('zipkinV1ListToV2', () => {
  test('a span naming no endpoint takes the service of the request\'s other spans when they name one (zipkin-js local spans)', () => {
    const server = { ...ids, annotations: [{ timestamp: TS, value: 'sr', endpoint: backend }, { timestamp: TS + 9, value: 'ss', endpoint: backend }] };
    const local = { ...ids, id: '4', parentId: '3', name: 'load', timestamp: TS + 1, duration: 5 };
    expect(zipkinV1ListToV2([local, server])[0].localEndpoint).toEqual({ serviceName: 'backend' });
    // two services in one request: nothing to go by
    const other = { ...ids, id: '5', annotations: [{ timestamp: TS, value: 'cs', endpoint: frontend }] };
    expect(zipkinV1ListToV2([local, server, other])[0].localEndpoint).toBeUndefined();
  });
});
