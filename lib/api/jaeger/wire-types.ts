// The Jaeger UI model JSON, named as Jaeger names it (internal/uimodel/model.go @ v2.20.0):
// what `GET /api/traces` and `GET /api/traces/{id}` return inside the v1 envelope.

export type JaegerTagType = 'string' | 'bool' | 'int64' | 'float64' | 'binary';

export type JaegerTag =
  | { key: string; type: 'string'; value: string }
  | { key: string; type: 'bool'; value: boolean }
  /** a string when |n| > 2^53-1, which a JSON number cannot carry exactly */
  | { key: string; type: 'int64'; value: number | string }
  /** a string for NaN and ±Infinity, which JSON cannot carry */
  | { key: string; type: 'float64'; value: number | string }
  /** base64 */
  | { key: string; type: 'binary'; value: string };

export type JaegerReferenceType = 'CHILD_OF' | 'FOLLOWS_FROM';

export type JaegerReference = { refType: JaegerReferenceType; traceID: string; spanID: string };

export type JaegerLog = {
  /** µs since the epoch */
  timestamp: number;
  fields: JaegerTag[];
};

export type JaegerSpan = {
  traceID: string;
  spanID: string;
  /** omitted when 0, as Jaeger's `omitempty` does */
  flags?: number;
  operationName: string;
  references: JaegerReference[];
  /** µs since the epoch */
  startTime: number;
  /** µs */
  duration: number;
  tags: JaegerTag[];
  logs: JaegerLog[];
  processID: string;
  warnings: string[] | null;
};

export type JaegerProcess = { serviceName: string; tags: JaegerTag[] };

export type JaegerTrace = {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, JaegerProcess>;
  warnings: string[] | null;
};
