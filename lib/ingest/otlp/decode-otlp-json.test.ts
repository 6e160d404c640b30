import { describe, expect, it } from 'vitest';

import { decodeOtlpJson } from './decode-otlp-json';
import { OtlpDecodeError } from './otlp-codec';

// What only OTLP/JSON can get wrong or spell differently: syntax, types, key and enum spellings.

const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const SPAN_ID = 'eee19b7ec3c1b174';

type Json = Record<string, unknown>;

const span = (overrides: Json = {}): Json => ({
  traceId: TRACE_ID,
  spanId: SPAN_ID,
  name: 'GET /x',
  startTimeUnixNano: '1700000000000000001',
  endTimeUnixNano: '1700000000500000002',
  ...overrides,
});

const body = (spans: unknown[]): string => JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] });

const SPAN_AT = 'resourceSpans[0].scopeSpans[0].spans[0] (name "GET /x")';

describe('decodeOtlpJson', () => {
  it('throws a readable OtlpDecodeError for broken JSON', () => {
    expect(() => decodeOtlpJson('{"resourceSpans": [')).toThrow(OtlpDecodeError);
    expect(() => decodeOtlpJson('{"resourceSpans": [')).toThrow(/^invalid JSON: /);
    expect(() => decodeOtlpJson('')).toThrow(/^invalid JSON: /);
  });

  it.each([
    ['[]', 'expected an ExportTraceServiceRequest JSON object, got array'],
    ['null', 'expected an ExportTraceServiceRequest JSON object, got null'],
    ['"x"', 'expected an ExportTraceServiceRequest JSON object, got string'],
    ['{"resourceSpans":{}}', 'resourceSpans: expected an array, got object'],
    ['{"resourceSpans":[5]}', 'resourceSpans[0]: expected an object, got number'],
    ['{"resourceSpans":[{"resource":[]}]}', 'resourceSpans[0].resource: expected an object, got array'],
    ['{"resourceSpans":[{"scopeSpans":[{},{"spans":"no"}]}]}', 'resourceSpans[0].scopeSpans[1].spans: expected an array, got string'],
    [
      '{"resourceSpans":[{"resource":{"attributes":[{"key":"a","value":{"intValue":"x"}}]}}]}',
      'resourceSpans[0].resource.attributes[0].value.intValue: expected a 64-bit integer as a decimal string or number',
    ],
    ['{"resourceSpans":[{"scopeSpans":[{"scope":{"name":7}}]}]}', 'resourceSpans[0].scopeSpans[0].scope.name: expected a string, got number'],
  ])('throws for a structurally wrong request %s', (text, message) => {
    expect(() => decodeOtlpJson(text)).toThrow(new OtlpDecodeError(message));
  });

  it('rejects only the span whose own fields have the wrong type, naming the field', () => {
    const batch = decodeOtlpJson(
      JSON.stringify({
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  span({ startTimeUnixNano: { seconds: 1 } }),
                  span({ name: 'ok' }),
                  span({ traceId: 'xyz' }),
                  span({ endTimeUnixNano: '-5' }),
                  span({ attributes: [{ key: 'a', value: { stringValue: 'fine' } }, { key: 'b', value: { boolValue: 'yes' } }] }),
                  span({ events: [{ timeUnixNano: '1', name: 'e', attributes: [{ key: 'k', value: { bytesValue: '***' } }] }] }),
                  span({ links: [{ traceId: TRACE_ID, spanId: SPAN_ID, flags: -1 }] }),
                  span({ attributes: [{ key: 'a', value: { arrayValue: { values: [{ intValue: 1.5 }] } } }] }),
                  span({ kind: 'SPAN_KIND_SIDEWAYS' }),
                  span({ status: 'ERROR' }),
                  'not a span',
                  span({ name: 42 }),
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(batch.records.map((r) => r.name)).toEqual(['ok']);
    const at = (i: number) => SPAN_AT.replace('spans[0]', `spans[${i}]`);
    expect(batch.rejected.map((r) => r.reason)).toEqual([
      `${at(0)}: startTimeUnixNano: expected a decimal string or number`,
      `${at(2)}: traceId: expected a hex string, got "xyz"`,
      `${at(3)}: endTimeUnixNano: expected a decimal string or number`,
      `${at(4)}: attributes[1].value.boolValue: expected a boolean, got string`,
      `${at(5)}: events[0].attributes[0].value.bytesValue: expected base64, got "***"`,
      `${at(6)}: links[0].flags: expected an unsigned 32-bit integer`,
      `${at(7)}: attributes[0].value.arrayValue.values[0].intValue: expected a 64-bit integer as a decimal string or number`,
      `${at(8)}: kind: unknown value "SPAN_KIND_SIDEWAYS"`,
      `${at(9)}: status: expected a Status object, got string`,
      'resourceSpans[0].scopeSpans[0].spans[10]: expected a Span object, got string',
      'resourceSpans[0].scopeSpans[0].spans[11]: name: expected a string, got number',
    ]);
  });

  it('ignores unknown fields at every level', () => {
    const batch = decodeOtlpJson(
      JSON.stringify({
        future: true,
        resourceSpans: [
          {
            resource: { attributes: [], entityRefs: [{ type: 'host' }] },
            somethingNew: 1,
            scopeSpans: [{ scope: { name: 's', extra: {} }, spans: [span({ newField: [1, 2], status: { code: 1, hint: 'x' } })] }],
          },
        ],
      }),
    );
    expect(batch.rejected).toEqual([]);
    expect(batch.records[0]).toMatchObject({ name: 'GET /x', statusCode: 1 });
  });

  it('accepts snake_case field names (the proto names)', () => {
    const text = JSON.stringify({
      resource_spans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { string_value: 'snake' } }], dropped_attributes_count: 1 },
          schema_url: 'https://r',
          scope_spans: [
            {
              scope: { name: 'lib', version: '2' },
              spans: [
                {
                  trace_id: TRACE_ID,
                  span_id: SPAN_ID,
                  parent_span_id: 'eee19b7ec3c1b173',
                  trace_state: 't=1',
                  name: 'snake span',
                  kind: 3,
                  start_time_unix_nano: '1700000000000000001',
                  end_time_unix_nano: '1700000000000000002',
                  attributes: [
                    { key: 'http.status_code', value: { int_value: '200' } },
                    { key: 'list', value: { array_value: { values: [{ double_value: 1.5 }, { bool_value: true }] } } },
                    { key: 'map', value: { kvlist_value: { values: [{ key: 'b', value: { bytes_value: 'AQI=' } }] } } },
                  ],
                  dropped_attributes_count: 2,
                  events: [{ time_unix_nano: '1700000000000000001', name: 'e', dropped_attributes_count: 1 }],
                  dropped_events_count: 3,
                  links: [{ trace_id: TRACE_ID, span_id: SPAN_ID, trace_state: 'l=1', dropped_attributes_count: 4 }],
                  dropped_links_count: 5,
                  status: { code: 2, message: 'm' },
                },
              ],
            },
          ],
        },
      ],
    });
    const batch = decodeOtlpJson(text);
    expect(batch.rejected).toEqual([]);
    expect(batch.records[0]).toMatchObject({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      parentSpanId: 'eee19b7ec3c1b173',
      traceState: 't=1',
      kind: 3,
      startNs: 1700000000000000001n,
      endNs: 1700000000000000002n,
      attributes: { 'http.status_code': 200, list: [{ d: 1.5 }, true], map: { m: { b: { b: 'AQI=' } } } },
      droppedAttributesCount: 2,
      events: [{ t: '1700000000000000001', n: 'e', d: 1 }],
      droppedEventsCount: 3,
      links: [{ t: TRACE_ID, s: SPAN_ID, ts: 'l=1', d: 4 }],
      droppedLinksCount: 5,
      statusCode: 2,
      statusMessage: 'm',
    });
    expect(batch.records[0].resource).toMatchObject({ serviceName: 'snake', droppedAttributesCount: 1, schemaUrl: 'https://r' });
  });

  it.each([
    ['SPAN_KIND_UNSPECIFIED', 0],
    ['SPAN_KIND_INTERNAL', 1],
    ['SPAN_KIND_SERVER', 2],
    ['SPAN_KIND_CLIENT', 3],
    ['SPAN_KIND_PRODUCER', 4],
    ['SPAN_KIND_CONSUMER', 5],
    ['server', 2],
    [4, 4],
    ['4', 4],
  ])('accepts span kind %j', (kind, expected) => {
    expect(decodeOtlpJson(body([span({ kind })])).records[0].kind).toBe(expected);
  });

  it.each([
    ['STATUS_CODE_UNSET', 0],
    ['STATUS_CODE_OK', 1],
    ['STATUS_CODE_ERROR', 2],
    ['ERROR', 2],
    [1, 1],
  ])('accepts status code %j', (code, expected) => {
    expect(decodeOtlpJson(body([span({ status: { code } })])).records[0].statusCode).toBe(expected);
  });

  it('accepts ids in any case and stores them lower-case', () => {
    const batch = decodeOtlpJson(body([span({ traceId: TRACE_ID.toUpperCase(), spanId: 'EEE19b7ec3c1B174', links: [{ traceId: 'AB'.repeat(16), spanId: 'CD'.repeat(8) }] })]));
    expect(batch.records[0]).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, links: [{ t: 'ab'.repeat(16), s: 'cd'.repeat(8) }] });
  });

  it('accepts 64-bit values as decimal strings or JSON numbers', () => {
    const batch = decodeOtlpJson(
      body([
        span({
          startTimeUnixNano: 1700000000000000000, // a JSON number; exact here (17·5^17·2^17 fits a double)
          endTimeUnixNano: '01700000000000000002',
          events: [{ timeUnixNano: 1700000000000000000, name: 'n' }, { timeUnixNano: '007', name: 's' }],
          attributes: [
            { key: 'n', value: { intValue: -12 } },
            { key: 'big', value: { intValue: 2 ** 62 } },
            { key: 's', value: { intValue: '-9007199254740993' } },
            { key: 'dbl', value: { doubleValue: '2.5' } },
            { key: 'inf', value: { doubleValue: 'Infinity' } },
          ],
          droppedAttributesCount: '3',
          flags: '257',
        }),
      ]),
    );
    expect(batch.rejected).toEqual([]);
    expect(batch.records[0]).toMatchObject({
      startNs: 1700000000000000000n,
      endNs: 1700000000000000002n,
      events: [{ t: '1700000000000000000', n: 'n' }, { t: '7', n: 's' }],
      attributes: { n: -12, big: { i: '4611686018427387904' }, s: { i: '-9007199254740993' }, dbl: { d: 2.5 }, inf: { d: 'Infinity' } },
      droppedAttributesCount: 3,
      flags: 257,
    });
  });

  it('normalizes URL-safe or unpadded base64 bytes to standard base64', () => {
    const batch = decodeOtlpJson(body([span({ attributes: [{ key: 'b', value: { bytesValue: '-_8' } }] })]));
    expect(batch.records[0].attributes).toEqual({ b: { b: '+/8=' } });
  });

  it('treats null as an absent field', () => {
    const batch = decodeOtlpJson(body([span({ parentSpanId: null, status: null, attributes: [{ key: 'a', value: { stringValue: null } }], events: null })]));
    expect(batch.records[0]).toMatchObject({ parentSpanId: '', statusCode: 0, attributes: { a: null }, events: [] });
  });

  it('skips a UTF-8 byte order mark', () => {
    expect(decodeOtlpJson(`\uFEFF${body([span()])}`).records).toHaveLength(1);
  });

  it('keeps a snake_case-looking attribute key as it is', () => {
    // attribute keys are values, never JSON object keys, so the snake_case rename must not touch them
    const batch = decodeOtlpJson(
      JSON.stringify({ resource_spans: [{ scope_spans: [{ spans: [{ ...span(), attributes: [{ key: 'db.row_count', value: { int_value: 3 } }] }] }] }] }),
    );
    expect(batch.records[0].attributes).toEqual({ 'db.row_count': 3 });
  });
});
