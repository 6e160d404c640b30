import type { DecodedBatch } from '@/lib/model/span-record';
import { describeType } from '@/lib/model/conventions';
import { zipkinV1ListToV2, type ZipkinV1Span } from './zipkin-v1-to-v2';
import { zipkinSpansToRecords } from './to-span-records';
import type { ZipkinSpan } from './wire-types';

// Zipkin JSON bodies: v2 (`POST /api/v2/spans`) and v1 (`POST /api/v1/spans`), each a list of spans.
// Throws (message meant for the client) when the body is not a JSON list.

const parseList = (text: string): unknown[] => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`body is not valid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new Error(`expected a JSON list of spans, got ${describeType(parsed)}`);
  return parsed;
};

/** A Zipkin JSON v2 list of spans. */
export const decodeZipkinJsonV2 = (text: string): DecodedBatch => zipkinSpansToRecords(parseList(text) as ZipkinSpan[]);

/** A Zipkin JSON v1 list of spans (converted to v2 first, as Zipkin's own collector does). */
export const decodeZipkinJsonV1 = (text: string): DecodedBatch => {
  return zipkinSpansToRecords(zipkinV1ListToV2(parseList(text) as ZipkinV1Span[]));
};
