// Jaeger's Thrift model (jaeger-idl thrift/jaeger.thrift and agent.thrift), named as the IDL names it.
// i64 fields are bigint (signed, as Thrift sends them); optional fields absent on the wire are undefined.

export const TagType = { STRING: 0, DOUBLE: 1, BOOL: 2, LONG: 3, BINARY: 4 } as const;
export const SpanRefType = { CHILD_OF: 0, FOLLOWS_FROM: 1 } as const;

export type Tag = {
  key?: string;
  vType?: number;
  vStr?: string;
  vDouble?: number;
  vBool?: boolean;
  vLong?: bigint;
  vBinary?: Uint8Array;
};

export type Log = { timestamp?: bigint; fields: Tag[] };

export type SpanRef = { refType?: number; traceIdLow?: bigint; traceIdHigh?: bigint; spanId?: bigint };

export type Span = {
  traceIdLow?: bigint;
  traceIdHigh?: bigint;
  spanId?: bigint;
  parentSpanId?: bigint;
  operationName?: string;
  references: SpanRef[];
  flags?: number;
  startTime?: bigint;
  duration?: bigint;
  tags: Tag[];
  logs: Log[];
};

export type Process = { serviceName?: string; tags: Tag[] };

export type Batch = { process?: Process; spans: Span[] };
