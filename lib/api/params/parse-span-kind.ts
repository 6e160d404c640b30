import { QueryParamError } from './query-param-error';
import { SpanKind } from '@/lib/model/span-record';

/** The span-kind words Jaeger uses in tags (`span.kind`), `/api/operations` and the UI. */
export type JaegerSpanKind = 'server' | 'client' | 'producer' | 'consumer' | 'internal';

const KIND_TO_JAEGER: Record<SpanKind, JaegerSpanKind | ''> = {
  [SpanKind.UNSPECIFIED]: '',
  [SpanKind.INTERNAL]: 'internal',
  [SpanKind.SERVER]: 'server',
  [SpanKind.CLIENT]: 'client',
  [SpanKind.PRODUCER]: 'producer',
  [SpanKind.CONSUMER]: 'consumer',
};

// a Map, not an object literal: a lookup of "constructor" must miss
const JAEGER_TO_KIND = new Map<string, SpanKind>([
  ['', SpanKind.UNSPECIFIED],
  ['unspecified', SpanKind.UNSPECIFIED], // accepted by Jaeger's metrics API
  ['internal', SpanKind.INTERNAL],
  ['server', SpanKind.SERVER],
  ['client', SpanKind.CLIENT],
  ['producer', SpanKind.PRODUCER],
  ['consumer', SpanKind.CONSUMER],
]);

/** The Jaeger word for an OTLP span kind; '' for UNSPECIFIED (Jaeger then omits the `span.kind` tag). */
export const toJaegerSpanKind = (kind: SpanKind): JaegerSpanKind | '' => KIND_TO_JAEGER[kind] ?? '';

/**
 * Reads a Jaeger span-kind word (any case) as an OTLP span kind; '' gives UNSPECIFIED.
 * Note that for `/api/operations` an empty `spanKind` means "all kinds", which callers decide.
 */
export const parseSpanKind = (value: string, param = 'spanKind'): SpanKind => {
  const kind = JAEGER_TO_KIND.get(value.toLowerCase());
  if (kind === undefined) {
    throw new QueryParamError(
      param,
      `unable to parse param '${param}': unsupported span kind '${value}' (expected one of server, client, producer, consumer, internal)`,
    );
  }
  return kind;
};
