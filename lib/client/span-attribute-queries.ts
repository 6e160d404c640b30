import { z } from '@/lib/model/zod';
import type { EncodedValue } from '@/lib/model/attribute-value';
import type { SpanAttributeAnswer } from '@/lib/api/pages/span-attribute-answer';
import { fetchJson } from './fetch-json';

const ZSpanAttributeAnswer = z.object({ key: z.string(), value: z.unknown() }) as unknown as z.ZodType<SpanAttributeAnswer>;

/** The whole value of an attribute that the trace read cut (lib/model/cut-attribute-value.ts). */
export const fetchWholeAttribute = async (traceId: string, spanId: string, key: string): Promise<EncodedValue> =>
  (await fetchJson(`/api/ui/traces/${traceId}/spans/${spanId}/attribute?key=${encodeURIComponent(key)}`, ZSpanAttributeAnswer)).value;
