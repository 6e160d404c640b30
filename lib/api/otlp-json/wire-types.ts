// OTLP/JSON, named as opentelemetry-proto names it (trace/v1/trace.proto, common/v1/common.proto)
// and encoded per the spec's "JSON Protobuf Encoding": lowerCamelCase fields, hex trace/span ids,
// integer enums, 64-bit integers as decimal strings, bytes as base64. Fields holding a default
// value are omitted, as proto3 JSON (and Jaeger's api_v3) omits them.

export type IAnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  /** int64 as a decimal string */
  | { intValue: string }
  /** NaN and the infinities as the strings proto3 JSON uses */
  | { doubleValue: number | 'NaN' | 'Infinity' | '-Infinity' }
  /** base64 */
  | { bytesValue: string }
  | { arrayValue: IArrayValue }
  | { kvlistValue: IKeyValueList }
  /** an empty AnyValue (no value set) */
  | Record<string, never>;

export type IArrayValue = { values: IAnyValue[] };

export type IKeyValueList = { values: IKeyValue[] };

export type IKeyValue = { key: string; value: IAnyValue };

export type IResource = { attributes?: IKeyValue[]; droppedAttributesCount?: number };

export type IInstrumentationScope = {
  name?: string;
  version?: string;
  attributes?: IKeyValue[];
  droppedAttributesCount?: number;
};

export type IStatus = { code?: number; message?: string };

export type IEvent = {
  /** fixed64 as a decimal string */
  timeUnixNano: string;
  name?: string;
  attributes?: IKeyValue[];
  droppedAttributesCount?: number;
};

export type ILink = {
  traceId: string;
  spanId: string;
  traceState?: string;
  attributes?: IKeyValue[];
  droppedAttributesCount?: number;
  flags?: number;
};

export type ISpan = {
  traceId: string;
  spanId: string;
  traceState?: string;
  parentSpanId?: string;
  flags?: number;
  name: string;
  kind?: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes?: IKeyValue[];
  droppedAttributesCount?: number;
  events?: IEvent[];
  droppedEventsCount?: number;
  links?: ILink[];
  droppedLinksCount?: number;
  status: IStatus;
};

export type IScopeSpans = { scope: IInstrumentationScope; spans: ISpan[]; schemaUrl?: string };

export type IResourceSpans = { resource: IResource; scopeSpans: IScopeSpans[]; schemaUrl?: string };

/** TracesData / ExportTraceServiceRequest */
export type ITracesData = { resourceSpans: IResourceSpans[] };
