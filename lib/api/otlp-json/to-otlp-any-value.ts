import type { EncodedAttributes, EncodedValue } from '@/lib/model/attribute-value';
import type { IAnyValue, IKeyValue } from './wire-types';

/** One stored attribute value as an OTLP/JSON AnyValue (see lib/model/attribute-value.ts for the stored forms). */
export const toOtlpAnyValue = (v: EncodedValue): IAnyValue => {
  if (v === null || v === undefined) return {};
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  if (typeof v === 'number') return { intValue: String(v) }; // a bare JSON number is always an int
  if (Array.isArray(v)) return { arrayValue: { values: v.map(toOtlpAnyValue) } };
  if ('i' in v) return { intValue: v.i };
  if ('d' in v) return { doubleValue: v.d };
  if ('b' in v) return { bytesValue: v.b };
  if ('m' in v) return { kvlistValue: { values: toOtlpKeyValues(v.m) } };
  return {};
};

/** A stored attribute map as OTLP/JSON KeyValues, in stored order. */
export const toOtlpKeyValues = (attributes: EncodedAttributes): IKeyValue[] =>
  Object.entries(attributes).map(([key, value]) => ({ key, value: toOtlpAnyValue(value) }));
