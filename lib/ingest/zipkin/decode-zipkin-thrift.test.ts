import { describe, expect, test } from 'vitest';
import { decodeZipkinJsonV1 } from './decode-zipkin-json';
import { decodeZipkinThrift } from './decode-zipkin-thrift';
import { encodeZipkinThrift } from '@/lib/ingest/zipkin/testing/encode-zipkin-thrift';

// Zipkin v1 Thrift (a TBinaryProtocol list of zipkinCore.thrift Spans) → the same records as the
// same spans in v1 JSON.

const TS = 1_763_800_000_123_456n;
const ipv4 = (a: number, b: number, c: number, d: number) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
const fe = { ipv4: ipv4(10, 0, 0, 1), port: 8080, serviceName: 'frontend' };
const be = { ipv4: ipv4(10, 0, 0, 2), port: 9000, serviceName: 'backend' };
const str = (s: string) => Buffer.from(s, 'utf8');

describe('Zipkin v1 Thrift', () => {
  test('a client/server span, a server-only shared span and a local span decode as their v1 JSON does', () => {
    const thriftBody = encodeZipkinThrift([
      {
        traceId: 0x5af7183fb1d4cf5fn, traceIdHigh: 0x463ac35c9f6413adn, id: 0xf352bff9a74ca9adn, parentId: 0x6b221d5bc9e6496cn, name: 'get',
        timestamp: TS, duration: 1_000n,
        annotations: [
          { timestamp: TS, value: 'cs', host: fe },
          { timestamp: TS + 1_000n, value: 'cr', host: fe },
          { timestamp: TS + 10n, value: 'retry', host: fe },
        ],
        binaryAnnotations: [
          { key: 'http.path', value: str('/api'), annotationType: 6, host: fe },
          { key: 'sa', value: Buffer.from([1]), annotationType: 0, host: be },
          { key: 'rows', value: Buffer.from([0, 0, 0, 42]), annotationType: 3, host: fe },
        ],
      },
      {
        traceId: 0x5af7183fb1d4cf5fn, traceIdHigh: 0x463ac35c9f6413adn, id: 0xf352bff9a74ca9adn, parentId: 0x6b221d5bc9e6496cn, name: 'get',
        annotations: [{ timestamp: TS + 100n, value: 'sr', host: be }, { timestamp: TS + 900n, value: 'ss', host: be }],
      },
      {
        traceId: 0x5af7183fb1d4cf5fn, traceIdHigh: 0x463ac35c9f6413adn, id: 0x11n, parentId: 0xf352bff9a74ca9adn, name: 'work',
        timestamp: TS + 200n, duration: 300n, binaryAnnotations: [{ key: 'lc', value: str(''), annotationType: 6, host: be }],
      },
    ]);
    const json = [
      {
        traceId: '463ac35c9f6413ad5af7183fb1d4cf5f', id: 'f352bff9a74ca9ad', parentId: '6b221d5bc9e6496c', name: 'get', timestamp: Number(TS), duration: 1000,
        annotations: [
          { timestamp: Number(TS), value: 'cs', endpoint: { serviceName: 'frontend', ipv4: '10.0.0.1', port: 8080 } },
          { timestamp: Number(TS) + 1000, value: 'cr', endpoint: { serviceName: 'frontend', ipv4: '10.0.0.1', port: 8080 } },
          { timestamp: Number(TS) + 10, value: 'retry', endpoint: { serviceName: 'frontend', ipv4: '10.0.0.1', port: 8080 } },
        ],
        binaryAnnotations: [
          { key: 'http.path', value: '/api', endpoint: { serviceName: 'frontend', ipv4: '10.0.0.1', port: 8080 } },
          { key: 'sa', value: true, endpoint: { serviceName: 'backend', ipv4: '10.0.0.2', port: 9000 } },
          { key: 'rows', value: '42', endpoint: { serviceName: 'frontend', ipv4: '10.0.0.1', port: 8080 } },
        ],
      },
      {
        traceId: '463ac35c9f6413ad5af7183fb1d4cf5f', id: 'f352bff9a74ca9ad', parentId: '6b221d5bc9e6496c', name: 'get',
        annotations: [
          { timestamp: Number(TS) + 100, value: 'sr', endpoint: { serviceName: 'backend', ipv4: '10.0.0.2', port: 9000 } },
          { timestamp: Number(TS) + 900, value: 'ss', endpoint: { serviceName: 'backend', ipv4: '10.0.0.2', port: 9000 } },
        ],
      },
      {
        traceId: '463ac35c9f6413ad5af7183fb1d4cf5f', id: '0000000000000011', parentId: 'f352bff9a74ca9ad', name: 'work', timestamp: Number(TS) + 200, duration: 300,
        binaryAnnotations: [{ key: 'lc', value: '', endpoint: { serviceName: 'backend', ipv4: '10.0.0.2', port: 9000 } }],
      },
    ];
    const fromThrift = decodeZipkinThrift(thriftBody);
    expect(fromThrift.rejected).toEqual([]);
    expect(fromThrift.records).toEqual(decodeZipkinJsonV1(JSON.stringify(json)).records);
    const [client, server, local] = fromThrift.records;
    expect([client.traceId, client.spanId, client.kind, client.endNs - client.startNs]).toEqual(['463ac35c9f6413ad5af7183fb1d4cf5f', 'f352bff9a74ca9ad', 3, 1_000_000n]);
    expect(client.attributes).toMatchObject({ 'http.path': '/api', rows: '42', 'peer.service': 'backend', 'network.peer.address': '10.0.0.2', 'network.peer.port': 9000 });
    expect([server.kind, server.attributes['zipkin.shared'], server.endNs - server.startNs, server.resource.serviceName]).toEqual([2, true, 800_000n, 'backend']);
    expect([local.kind, local.resource.serviceName, local.attributes]).toEqual([1, 'backend', {}]);
  });

  test('bytes that are not a Thrift list of spans are refused with a reason', () => {
    expect(() => decodeZipkinThrift(new Uint8Array())).toThrow(/empty/);
    expect(() => decodeZipkinThrift(Buffer.from([12, 0, 0, 0, 3, 10, 0]))).toThrow(/not a Zipkin v1 Thrift list of spans/);
    expect(() => decodeZipkinThrift(Buffer.from([12, 0x7f, 0xff, 0xff, 0xff]))).toThrow(/not a Zipkin v1 Thrift list of spans/);
  });
});
