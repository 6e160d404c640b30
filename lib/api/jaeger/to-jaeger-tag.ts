import { decodeValue, toStringForm, type EncodedValue, type TypedValue } from '@/lib/model/attribute-value';
import type { JaegerTag } from './wire-types';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * One attribute as a Jaeger tag, following the collector's OTLP → Jaeger translator and Jaeger's
 * UI converter: int64 beyond 2^53-1 as a string, bytes as base64 `binary`, arrays and kvlists as
 * their JSON text (the same string form tag search compares against), an empty value as ''.
 */
export const toJaegerTag = (key: string, typed: TypedValue): JaegerTag => {
  switch (typed.type) {
    case 'string':
      return { key, type: 'string', value: typed.value };
    case 'bool':
      return { key, type: 'bool', value: typed.value };
    case 'int': {
      const n = typed.value;
      return { key, type: 'int64', value: n <= MAX_SAFE && n >= -MAX_SAFE ? Number(n) : n.toString() };
    }
    case 'double':
      return { key, type: 'float64', value: Number.isFinite(typed.value) ? typed.value : String(typed.value) };
    case 'bytes':
      return { key, type: 'binary', value: typed.value };
    case 'empty':
      return { key, type: 'string', value: '' };
    default:
      return { key, type: 'string', value: toStringForm(typed) };
  }
};

/** Every attribute of an encoded map as Jaeger tags, in stored order, skipping keys in `omit`. */
export const toJaegerTags = (attributes: Record<string, EncodedValue>, omit?: string): JaegerTag[] => {
  const tags: JaegerTag[] = [];
  for (const [key, value] of Object.entries(attributes)) {
    if (key !== omit) tags.push(toJaegerTag(key, decodeValue(value)));
  }
  return tags;
};
