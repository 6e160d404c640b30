import { describe, expect, test } from 'vitest';
import { readEmitBatch, readJaegerBatch } from './read-jaeger-thrift';
import { encodeEmitBatch, encodeJaegerBatch } from '@/lib/ingest/jaeger/testing/encode-jaeger-thrift';
import { SpanRefType, TagType, type Batch, type Span } from './wire-types';

// The faster integer readers (fast-thrift-protocols.ts) against the Thrift library's own protocols:
// the same bytes must give the same structs, for extreme i64 and double values, long lists, and
// truncated input. Their speed is measured by `npm run bench:decode`.

const EXTREMES = [0n, 1n, -1n, 63n, -64n, 2n ** 31n, -(2n ** 31n), 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n)];
const DOUBLES = [0, -2.5, 0.1, -1.5e300, 5e-324, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53];

const span = (i: number, v: bigint): Span => ({
  traceIdHigh: v,
  traceIdLow: -v - 1n,
  spanId: v || 1n,
  parentSpanId: -v,
  operationName: `op ${i} ✓`,
  references: Array.from({ length: 20 }, (_, k) => ({ refType: k % 2 ? SpanRefType.FOLLOWS_FROM : SpanRefType.CHILD_OF, traceIdLow: v + BigInt(k), traceIdHigh: -v, spanId: BigInt(k) })),
  flags: i % 4,
  startTime: v,
  duration: -v,
  tags: [
    ...DOUBLES.map((d, k) => ({ key: `d${k}`, vType: TagType.DOUBLE, vDouble: d })),
    { key: 'long', vType: TagType.LONG, vLong: v },
    { key: 'yes', vType: TagType.BOOL, vBool: true },
    { key: 'no', vType: TagType.BOOL, vBool: false },
    { key: 'bin', vType: TagType.BINARY, vBinary: Buffer.from([0, 255, 128]) },
  ],
  logs: [{ timestamp: v, fields: [{ key: 'event', vType: TagType.STRING, vStr: 'x'.repeat(i * 40) }] }],
});

const batch: Batch = { process: { serviceName: 'svc', tags: [{ key: 'n', vType: TagType.LONG, vLong: -(2n ** 63n) }] }, spans: EXTREMES.map((v, i) => span(i, v)) };

describe.each(['compact', 'binary'] as const)('the fast %s reader', (protocol) => {
  const bytes = protocol === 'binary' ? encodeJaegerBatch(batch) : encodeEmitBatch(batch, protocol);
  const read = (b: Uint8Array, reader: 'fast' | 'library') => (protocol === 'binary' ? readJaegerBatch(b, 'binary', reader) : readEmitBatch(b, protocol, reader));

  test('reads exactly what the library reads, and what was written', () => {
    const fast = read(bytes, 'fast');
    expect(fast).toEqual(read(bytes, 'library'));
    expect(fast.spans.map((s) => s.traceIdHigh)).toEqual(EXTREMES);
    expect(fast.spans[0].tags.slice(0, DOUBLES.length).map((t) => t.vDouble)).toEqual(DOUBLES);
  });

  test('refuses every truncation the library refuses', () => {
    for (let cut = 1; cut < bytes.length; cut += 97) {
      const part = bytes.subarray(0, cut);
      expect(() => read(part, 'fast')).toThrow();
      expect(() => read(part, 'library')).toThrow();
    }
  });
});
