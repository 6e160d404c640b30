import type { EncodedValue } from '@/lib/model/attribute-value';

/** What GET /api/ui/traces/{traceId}/spans/{spanId}/attribute?key= answers: the whole value, in the stored typed encoding. */
export type SpanAttributeAnswer = { key: string; value: EncodedValue };
