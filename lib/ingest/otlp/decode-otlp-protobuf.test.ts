import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';

import { decodeOtlpJson } from './decode-otlp-json';
import { bytesToHex, decodeOtlpProtobuf } from './decode-otlp-protobuf';
import { uint64ToDecimal } from './protobuf-reader';
import { otlpTypes } from './otlp-proto';
import { OtlpDecodeError } from './otlp-codec';

const TRACE_ID = Buffer.from('5b8efff798038103d269b633813fc60c', 'hex');
const SPAN_ID = Buffer.from('eee19b7ec3c1b174', 'hex');

const encodeRequest = (spanFields: Record<string, unknown>): Uint8Array =>
  otlpTypes.ExportTraceServiceRequest.encode(
    otlpTypes.ExportTraceServiceRequest.fromObject({
      resourceSpans: [
        {
          scopeSpans: [{ spans: [{ traceId: TRACE_ID, spanId: SPAN_ID, name: 'n', startTimeUnixNano: '1700000000000000000', ...spanFields }] }],
        },
      ],
    }),
  ).finish();

describe('decodeOtlpProtobuf', () => {
  it.each([
    ['random bytes', new Uint8Array([0xff, 0xff, 0xff, 0xff])],
    ['a truncated message', encodeRequest({}).slice(0, 20)],
    ['JSON sent as protobuf', new TextEncoder().encode('{"resourceSpans":[]}')],
    ['a length beyond the body', new Uint8Array([0x0a, 0x7f, 0x01])],
  ])('throws OtlpDecodeError for %s', (_what, bytes) => {
    expect(() => decodeOtlpProtobuf(bytes)).toThrow(OtlpDecodeError);
    expect(() => decodeOtlpProtobuf(bytes)).toThrow(/^invalid OTLP\/protobuf ExportTraceServiceRequest: /);
  });

  it('decodes an empty body as an empty request', () => {
    expect(decodeOtlpProtobuf(new Uint8Array())).toEqual({ records: [], rejected: [] });
  });

  it('skips unknown fields', () => {
    const writer = protobuf.Writer.create();
    writer.uint32((99 << 3) | 0).uint64(12345); // a varint field 99 the schema does not know
    writer.uint32((98 << 3) | 2).bytes(new Uint8Array([1, 2, 3]));
    const bytes = new Uint8Array([...encodeRequest({}), ...writer.finish()]);
    expect(decodeOtlpProtobuf(bytes).records).toHaveLength(1);
  });

  it('decodes invalid UTF-8 as U+FFFD instead of failing the request', () => {
    const bytes = encodeRequest({ name: 'GET /x' });
    const at = Buffer.from(bytes).indexOf('GET /x');
    const broken = Buffer.from(bytes);
    broken[at] = 0xff; // not a UTF-8 byte
    const batch = decodeOtlpProtobuf(broken);
    expect(batch.records[0].name).toBe('\uFFFDET /x');
  });

  it('decodes from a Uint8Array view into a larger buffer', () => {
    const bytes = encodeRequest({});
    const padded = new Uint8Array(bytes.length + 10);
    padded.set(bytes, 5);
    expect(decodeOtlpProtobuf(padded.subarray(5, 5 + bytes.length)).records[0].traceId).toBe('5b8efff798038103d269b633813fc60c');
  });
});

describe('uint64ToDecimal', () => {
  const check = (value: bigint) => {
    const high = Number(value >> 32n) | 0; // Long keeps both halves as signed int32
    const low = Number(value & 0xffffffffn) | 0;
    expect(uint64ToDecimal(high, low)).toBe(value.toString());
  };

  it('converts edge values exactly', () => {
    for (const v of [0n, 1n, 9999999n, 10000000n, (1n << 53n) - 1n, 1n << 53n, 1700000000123456789n, (1n << 63n) - 1n, 1n << 63n, (1n << 64n) - 1n]) {
      check(v);
    }
  });

  it('converts random 64-bit values exactly', () => {
    for (let i = 0; i < 10_000; i++) {
      check((BigInt(Math.floor(Math.random() * 2 ** 32)) << 32n) | BigInt(Math.floor(Math.random() * 2 ** 32)));
    }
  });
});

describe('bytesToHex', () => {
  it('writes lower-case hex with leading zeros', () => {
    expect(bytesToHex(new Uint8Array([0, 1, 0xab, 0xff]))).toBe('0001abff');
    expect(bytesToHex(new Uint8Array())).toBe('');
  });
});
