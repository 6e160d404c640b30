import { spanKindOfWord } from '@/lib/model/conventions';
import { QueryParamError } from './query-param-error';
import { SpanKind } from '@/lib/model/span-record';

/**
 * Reads a Jaeger span-kind parameter (any case) as an OTLP span kind; '' and 'unspecified' (which
 * Jaeger's metrics API accepts) give UNSPECIFIED. Note that for `/api/operations` an empty
 * `spanKind` means "all kinds", which callers decide.
 */
export const parseSpanKind = (value: string, param = 'spanKind'): SpanKind => {
  const kind = value === '' ? SpanKind.UNSPECIFIED : spanKindOfWord(value);
  if (kind === undefined) {
    throw new QueryParamError(
      param,
      `unable to parse param '${param}': unsupported span kind '${value}' (expected one of server, client, producer, consumer, internal)`,
    );
  }
  return kind;
};
