import type { EncodedAttributes } from '@/lib/model/attribute-value';
import type { ResourceRecord, ScopeRecord, SpanRecord } from '@/lib/model/span-record';

// Builders for tests: a plausible span with every field set to its empty value, overridable.

export const makeResource = (serviceName: string, attributes: EncodedAttributes = {}): ResourceRecord => ({
  serviceName,
  attributes: { 'service.name': serviceName, ...attributes },
  droppedAttributesCount: 0,
  schemaUrl: '',
});

export const makeScope = (name = '', version = '', attributes: EncodedAttributes = {}): ScopeRecord => ({
  name,
  version,
  attributes,
  droppedAttributesCount: 0,
  schemaUrl: '',
});

export const TRACE_ID = '0123456789abcdef0123456789abcdef';
/** 2023-11-14T22:13:20.123456789Z */
export const START_NS = 1_700_000_000_123_456_789n;

const defaultResource = makeResource('frontend');
const defaultScope = makeScope();

export const makeSpan = (overrides: Partial<SpanRecord> = {}): SpanRecord => ({
  traceId: TRACE_ID,
  spanId: '00000000000000a1',
  parentSpanId: '',
  name: 'GET /',
  kind: 0,
  startNs: START_NS,
  endNs: START_NS + 5_000_000n,
  statusCode: 0,
  statusMessage: '',
  traceState: '',
  flags: 0,
  attributes: {},
  droppedAttributesCount: 0,
  events: [],
  droppedEventsCount: 0,
  links: [],
  droppedLinksCount: 0,
  resource: defaultResource,
  scope: defaultScope,
  ...overrides,
});
