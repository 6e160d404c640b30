import { describe, expect, it } from 'vitest';
import { decodeValue, encodeDouble, encodeInt, type EncodedValue } from '@/lib/model/attribute-value';
import { SpanKind, StatusCode } from '@/lib/model/span-record';
import { parseTraceId } from '@/lib/model/trace-id';
import { makeResource, makeScope, makeSpan, START_NS, TRACE_ID } from '@/lib/model/testing/make-span-record';
import { toJaegerTag } from './to-jaeger-tag';
import { NO_SERVICE_NAME, toJaegerTrace } from './to-jaeger-trace';
import { toJaegerTraceId } from './to-jaeger-trace-id';

const tagsOf = (overrides: Parameters<typeof makeSpan>[0]) => toJaegerTrace([makeSpan(overrides)]).spans[0].tags;

describe('toJaegerTraceId', () => {
  it.each([
    ['00000000000000000000000000000227', '0000000000000227'],
    ['0000000000000000ffffffffffffffff', 'ffffffffffffffff'],
    ['00000000000000010000000000000000', '00000000000000010000000000000000'],
    ['0123456789ABCDEF0123456789ABCDEF', '0123456789abcdef0123456789abcdef'],
    ['227', '0000000000000227'],
  ])('%s → %s', (hex, jaeger) => {
    expect(toJaegerTraceId(hex)).toBe(jaeger);
  });

  it('round-trips with parseTraceId', () => {
    const full = '0102030405060708090a0b0c0d0e0f10';
    expect(toJaegerTraceId(parseTraceId('227'))).toBe('0000000000000227');
    expect(toJaegerTraceId(parseTraceId(full))).toBe(full);
  });
});

describe('toJaegerTag: every attribute type', () => {
  it.each<[string, EncodedValue, unknown]>([
    ['string', 'v', { type: 'string', value: 'v' }],
    ['bool', true, { type: 'bool', value: true }],
    ['int', 500, { type: 'int64', value: 500 }],
    ['int at 2^53-1 stays a number', encodeInt(9007199254740991n), { type: 'int64', value: 9007199254740991 }],
    ['int at 2^53 becomes a string', encodeInt(9007199254740992n), { type: 'int64', value: '9007199254740992' }],
    ['int64 max as a string', encodeInt(9223372036854775222n), { type: 'int64', value: '9223372036854775222' }],
    ['int below -(2^53-1) as a string', encodeInt(-9007199254740993n), { type: 'int64', value: '-9007199254740993' }],
    ['double', encodeDouble(72.5), { type: 'float64', value: 72.5 }],
    ['NaN (JSON has none)', encodeDouble(NaN), { type: 'float64', value: 'NaN' }],
    ['Infinity', encodeDouble(Infinity), { type: 'float64', value: 'Infinity' }],
    ['bytes as base64 binary', { b: 'AAAwOQ==' }, { type: 'binary', value: 'AAAwOQ==' }],
    ['array as JSON text', ['a', 1, true, encodeDouble(1.5)], { type: 'string', value: '["a",1,true,1.5]' }],
    ['kvlist as JSON text', { m: { a: 1, b: { m: { c: 'd' } } } }, { type: 'string', value: '{"a":1,"b":{"c":"d"}}' }],
    ['empty value', null, { type: 'string', value: '' }],
  ])('%s', (_name, stored, expected) => {
    expect(toJaegerTag('k', decodeValue(stored))).toEqual({ key: 'k', ...(expected as object) });
  });
});

describe('toJaegerTrace: OTLP → Jaeger tag conventions', () => {
  it.each([
    [SpanKind.SERVER, 'server'],
    [SpanKind.CLIENT, 'client'],
    [SpanKind.PRODUCER, 'producer'],
    [SpanKind.CONSUMER, 'consumer'],
    [SpanKind.INTERNAL, 'internal'],
  ] as const)('span kind %i → span.kind=%s', (kind, word) => {
    expect(tagsOf({ kind })).toEqual([{ key: 'span.kind', type: 'string', value: word }]);
  });

  it('omits span.kind when unspecified and adds nothing for an unset status', () => {
    expect(tagsOf({ kind: SpanKind.UNSPECIFIED })).toEqual([]);
  });

  it('status OK → otel.status_code=OK and no error tag', () => {
    expect(tagsOf({ statusCode: StatusCode.OK })).toEqual([{ key: 'otel.status_code', type: 'string', value: 'OK' }]);
  });

  it('status ERROR → otel.status_code=ERROR, error=true (bool) and the description', () => {
    expect(tagsOf({ statusCode: StatusCode.ERROR, statusMessage: 'connection refused' })).toEqual([
      { key: 'otel.status_code', type: 'string', value: 'ERROR' },
      { key: 'error', type: 'bool', value: true },
      { key: 'otel.status_description', type: 'string', value: 'connection refused' },
    ]);
  });

  it('w3c.tracestate when the span has a trace state', () => {
    expect(tagsOf({ traceState: 'rojo=00f067aa0ba902b7' })).toEqual([
      { key: 'w3c.tracestate', type: 'string', value: 'rojo=00f067aa0ba902b7' },
    ]);
  });

  it('otel.scope.name / otel.scope.version only when non-empty', () => {
    expect(tagsOf({ scope: makeScope('telemetrygen', '1.2.3') })).toEqual([
      { key: 'otel.scope.name', type: 'string', value: 'telemetrygen' },
      { key: 'otel.scope.version', type: 'string', value: '1.2.3' },
    ]);
    expect(tagsOf({ scope: makeScope('only-name') })).toEqual([{ key: 'otel.scope.name', type: 'string', value: 'only-name' }]);
  });

  it("orders tags as the collector does: scope, attributes, then kind/status/tracestate", () => {
    const tags = tagsOf({
      scope: makeScope('lib', '1'),
      attributes: { 'http.method': 'GET', 'http.status_code': 500 },
      kind: SpanKind.SERVER,
      statusCode: StatusCode.ERROR,
      statusMessage: 'm',
      traceState: 'a=b',
    });
    expect(tags.map((t) => t.key)).toEqual([
      'otel.scope.name',
      'otel.scope.version',
      'http.method',
      'http.status_code',
      'span.kind',
      'otel.status_code',
      'error',
      'otel.status_description',
      'w3c.tracestate',
    ]);
  });

  it('does not repeat a convention tag the span already carries as an attribute', () => {
    const tags = tagsOf({ attributes: { error: true, 'span.kind': 'server' }, kind: SpanKind.SERVER, statusCode: StatusCode.ERROR });
    expect(tags).toEqual([
      { key: 'error', type: 'bool', value: true },
      { key: 'span.kind', type: 'string', value: 'server' },
      { key: 'otel.status_code', type: 'string', value: 'ERROR' },
    ]);
  });
});

describe('toJaegerTrace: ids, times, references, logs', () => {
  it('prints a trace id with a zero high half as 16 hex, else 32; span ids as 16 hex', () => {
    const short = toJaegerTrace([makeSpan({ traceId: '00000000000000000000000000000011' })]);
    expect(short.traceID).toBe('0000000000000011');
    expect(short.spans[0].traceID).toBe('0000000000000011');
    const long = toJaegerTrace([makeSpan()]);
    expect(long.traceID).toBe(TRACE_ID);
    expect(long.spans[0].spanID).toBe('00000000000000a1');
  });

  it('converts start and duration to integer µs, truncating', () => {
    // start …123456789 ns → …123456 µs; duration 1999 ns → 1 µs
    const [span] = toJaegerTrace([makeSpan({ startNs: START_NS, endNs: START_NS + 1_999n })]).spans;
    expect(span.startTime).toBe(1_700_000_000_123_456);
    expect(span.duration).toBe(1);
    expect(Number.isInteger(span.startTime)).toBe(true);
  });

  it('uses (end − start) / 1000 for the duration, not end/1000 − start/1000', () => {
    // start …789 ns, end …789 + 1211 = …2000: (end−start)/1000 = 1, while end µs − start µs would be 2
    const [span] = toJaegerTrace([makeSpan({ startNs: START_NS, endNs: START_NS + 1_211n })]).spans;
    expect(span.duration).toBe(1);
  });

  it('clamps a negative duration (end before start) to 0, as Jaeger does', () => {
    expect(toJaegerTrace([makeSpan({ endNs: START_NS - 10_000n })]).spans[0].duration).toBe(0);
  });

  it('gives a root with no links no references', () => {
    expect(toJaegerTrace([makeSpan()]).spans[0].references).toEqual([]);
  });

  it('puts the parent first as CHILD_OF, then links as FOLLOWS_FROM, or CHILD_OF when the link says child_of', () => {
    const [span] = toJaegerTrace([
      makeSpan({
        traceId: '00000000000000000000000000000011',
        parentSpanId: '00000000000000a0',
        links: [
          { t: 'ffffffffffffffffffffffffffffffff', s: '1111111111111111' },
          { t: '00000000000000000000000000000022', s: '2222222222222222', a: { 'opentracing.ref_type': 'child_of' } },
          { t: '00000000000000000000000000000033', s: '3333333333333333', a: { 'opentracing.ref_type': 'follows_from' } },
        ],
      }),
    ]).spans;
    expect(span.references).toEqual([
      { refType: 'CHILD_OF', traceID: '0000000000000011', spanID: '00000000000000a0' },
      { refType: 'FOLLOWS_FROM', traceID: 'ffffffffffffffffffffffffffffffff', spanID: '1111111111111111' },
      { refType: 'CHILD_OF', traceID: '0000000000000022', spanID: '2222222222222222' },
      { refType: 'FOLLOWS_FROM', traceID: '0000000000000033', spanID: '3333333333333333' },
    ]);
  });

  it('turns events into logs: µs timestamp, the name as field `event`, then the attributes', () => {
    const [span] = toJaegerTrace([
      makeSpan({
        events: [
          { t: '1700000000123999999', n: 'exception', a: { 'exception.type': 'IOError', attempt: 2 } },
          { t: '1700000000124000000', n: '' },
        ],
      }),
    ]).spans;
    expect(span.logs).toEqual([
      {
        timestamp: 1_700_000_000_123_999,
        fields: [
          { key: 'event', type: 'string', value: 'exception' },
          { key: 'exception.type', type: 'string', value: 'IOError' },
          { key: 'attempt', type: 'int64', value: 2 },
        ],
      },
      { timestamp: 1_700_000_000_124_000, fields: [] },
    ]);
  });

  it.each([
    [0, undefined],
    [1, 1],
    [0x301, 1], // OTLP bits 8–9 (is-remote) are not Jaeger flags
    [0x100, undefined],
  ])('flags %i → %s', (flags, expected) => {
    expect(toJaegerTrace([makeSpan({ flags })]).spans[0].flags).toBe(expected);
  });

  it('orders spans by start time, then span id', () => {
    const spans = [
      makeSpan({ spanId: '000000000000000c', startNs: START_NS + 1n }),
      makeSpan({ spanId: '000000000000000b', startNs: START_NS }),
      makeSpan({ spanId: '000000000000000a', startNs: START_NS + 1n }),
    ];
    expect(toJaegerTrace(spans).spans.map((s) => s.spanID)).toEqual(['000000000000000b', '000000000000000a', '000000000000000c']);
  });

  it('returns an empty trace for no spans', () => {
    expect(toJaegerTrace([])).toEqual({ traceID: '', spans: [], processes: {}, warnings: null });
  });
});

describe('toJaegerTrace: processes', () => {
  it('numbers processes p1, p2, … per stored resource, in order of first appearance', () => {
    const frontend = makeResource('frontend', { 'host.name': 'h1' });
    const spans = [
      makeSpan({ spanId: '0000000000000001', startNs: START_NS, resource: frontend, resourceId: 1 }),
      makeSpan({ spanId: '0000000000000002', startNs: START_NS + 1n, resource: makeResource('backend'), resourceId: 2 }),
      // the same resource row in a distinct object, keys in another order: same process
      makeSpan({ spanId: '0000000000000003', startNs: START_NS + 2n, resource: { ...frontend, attributes: { 'host.name': 'h1', 'service.name': 'frontend' } }, resourceId: 1 }),
      // same service, other tags: a new process
      makeSpan({ spanId: '0000000000000004', startNs: START_NS + 3n, resource: makeResource('frontend', { 'host.name': 'h2' }), resourceId: 3 }),
      makeSpan({ spanId: '0000000000000005', startNs: START_NS + 4n, resource: frontend, resourceId: 1 }),
    ];
    const trace = toJaegerTrace(spans);
    expect(trace.spans.map((s) => s.processID)).toEqual(['p1', 'p2', 'p1', 'p3', 'p1']);
    expect(trace.processes).toEqual({
      p1: { serviceName: 'frontend', tags: [{ key: 'host.name', type: 'string', value: 'h1' }] },
      p2: { serviceName: 'backend', tags: [] },
      p3: { serviceName: 'frontend', tags: [{ key: 'host.name', type: 'string', value: 'h2' }] },
    });
  });

  it('numbers processes after sorting spans, so p1 is the earliest span’s', () => {
    const trace = toJaegerTrace([
      makeSpan({ spanId: '0000000000000002', startNs: START_NS + 5n, resource: makeResource('late') }),
      makeSpan({ spanId: '0000000000000001', startNs: START_NS, resource: makeResource('early') }),
    ]);
    expect(trace.processes.p1.serviceName).toBe('early');
  });

  it('names a resource without service name as the collector does', () => {
    const resource = { serviceName: '', attributes: { 'host.name': 'h' }, droppedAttributesCount: 0, schemaUrl: '' };
    expect(toJaegerTrace([makeSpan({ resource })]).processes.p1).toEqual({
      serviceName: NO_SERVICE_NAME,
      tags: [{ key: 'host.name', type: 'string', value: 'h' }],
    });
  });
});

describe('toJaegerTrace: a whole trace', () => {
  // Jaeger's own fixture (cmd/jaeger/internal/extension/jaegerquery/internal/fixture/otlp2jaeger-{in,out}.json)
  it('matches what Jaeger makes of the same OTLP span', () => {
    const trace = toJaegerTrace([
      makeSpan({
        traceId: '83a9efd15c1c98a977e0711cc93ee28b',
        spanId: 'e127af99e3b3e074',
        parentSpanId: '909541b92cf05311',
        name: 'okey-dokey-0',
        kind: SpanKind.SERVER,
        startNs: 1706678909209712000n,
        endNs: 1706678909209835000n,
        attributes: { 'net.peer.ip': '1.2.3.4', 'peer.service': 'telemetrygen-client' },
        resource: { ...makeResource('telemetrygen'), schemaUrl: 'https://opentelemetry.io/schemas/1.4.0' },
        scope: makeScope('telemetrygen'),
      }),
    ]);
    expect(JSON.parse(JSON.stringify(trace))).toStrictEqual({
      traceID: '83a9efd15c1c98a977e0711cc93ee28b',
      spans: [
        {
          traceID: '83a9efd15c1c98a977e0711cc93ee28b',
          spanID: 'e127af99e3b3e074',
          operationName: 'okey-dokey-0',
          references: [{ refType: 'CHILD_OF', traceID: '83a9efd15c1c98a977e0711cc93ee28b', spanID: '909541b92cf05311' }],
          startTime: 1706678909209712,
          duration: 123,
          tags: [
            { key: 'otel.scope.name', type: 'string', value: 'telemetrygen' },
            { key: 'net.peer.ip', type: 'string', value: '1.2.3.4' },
            { key: 'peer.service', type: 'string', value: 'telemetrygen-client' },
            { key: 'span.kind', type: 'string', value: 'server' },
          ],
          logs: [],
          processID: 'p1',
          warnings: null,
        },
      ],
      processes: { p1: { serviceName: 'telemetrygen', tags: [] } },
      warnings: null,
    });
  });
});
