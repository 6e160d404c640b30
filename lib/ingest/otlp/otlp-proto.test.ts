import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { describe, expect, it } from 'vitest';

import { toExportResponseJson, toRpcStatusJson } from './otlp-json-response';
import { encodeExportResponseProtobuf, encodeRpcStatusProtobuf, otlpRoot, otlpTypes } from './otlp-proto';

describe('the embedded OTLP schema', () => {
  // field numbers are the wire format: a wrong one silently drops or misreads data
  it.each([
    ['opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest', 'resourceSpans', 1],
    ['opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse', 'partialSuccess', 1],
    ['opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess', 'rejectedSpans', 1],
    ['opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess', 'errorMessage', 2],
    ['opentelemetry.proto.trace.v1.ResourceSpans', 'resource', 1],
    ['opentelemetry.proto.trace.v1.ResourceSpans', 'scopeSpans', 2],
    ['opentelemetry.proto.trace.v1.ResourceSpans', 'schemaUrl', 3],
    ['opentelemetry.proto.trace.v1.ResourceSpans', 'instrumentationLibrarySpans', 1000],
    ['opentelemetry.proto.trace.v1.InstrumentationLibrarySpans', 'instrumentationLibrary', 1],
    ['opentelemetry.proto.trace.v1.InstrumentationLibrarySpans', 'spans', 2],
    ['opentelemetry.proto.trace.v1.InstrumentationLibrarySpans', 'schemaUrl', 3],
    ['opentelemetry.proto.trace.v1.ScopeSpans', 'scope', 1],
    ['opentelemetry.proto.trace.v1.ScopeSpans', 'spans', 2],
    ['opentelemetry.proto.trace.v1.ScopeSpans', 'schemaUrl', 3],
    ['opentelemetry.proto.trace.v1.Span', 'traceId', 1],
    ['opentelemetry.proto.trace.v1.Span', 'spanId', 2],
    ['opentelemetry.proto.trace.v1.Span', 'traceState', 3],
    ['opentelemetry.proto.trace.v1.Span', 'parentSpanId', 4],
    ['opentelemetry.proto.trace.v1.Span', 'name', 5],
    ['opentelemetry.proto.trace.v1.Span', 'kind', 6],
    ['opentelemetry.proto.trace.v1.Span', 'startTimeUnixNano', 7],
    ['opentelemetry.proto.trace.v1.Span', 'endTimeUnixNano', 8],
    ['opentelemetry.proto.trace.v1.Span', 'attributes', 9],
    ['opentelemetry.proto.trace.v1.Span', 'droppedAttributesCount', 10],
    ['opentelemetry.proto.trace.v1.Span', 'events', 11],
    ['opentelemetry.proto.trace.v1.Span', 'droppedEventsCount', 12],
    ['opentelemetry.proto.trace.v1.Span', 'links', 13],
    ['opentelemetry.proto.trace.v1.Span', 'droppedLinksCount', 14],
    ['opentelemetry.proto.trace.v1.Span', 'status', 15],
    ['opentelemetry.proto.trace.v1.Span', 'flags', 16],
    ['opentelemetry.proto.trace.v1.Span.Event', 'timeUnixNano', 1],
    ['opentelemetry.proto.trace.v1.Span.Event', 'name', 2],
    ['opentelemetry.proto.trace.v1.Span.Event', 'attributes', 3],
    ['opentelemetry.proto.trace.v1.Span.Event', 'droppedAttributesCount', 4],
    ['opentelemetry.proto.trace.v1.Span.Link', 'traceId', 1],
    ['opentelemetry.proto.trace.v1.Span.Link', 'spanId', 2],
    ['opentelemetry.proto.trace.v1.Span.Link', 'traceState', 3],
    ['opentelemetry.proto.trace.v1.Span.Link', 'attributes', 4],
    ['opentelemetry.proto.trace.v1.Span.Link', 'droppedAttributesCount', 5],
    ['opentelemetry.proto.trace.v1.Span.Link', 'flags', 6],
    ['opentelemetry.proto.trace.v1.Status', 'message', 2],
    ['opentelemetry.proto.trace.v1.Status', 'code', 3],
    ['opentelemetry.proto.common.v1.AnyValue', 'stringValue', 1],
    ['opentelemetry.proto.common.v1.AnyValue', 'boolValue', 2],
    ['opentelemetry.proto.common.v1.AnyValue', 'intValue', 3],
    ['opentelemetry.proto.common.v1.AnyValue', 'doubleValue', 4],
    ['opentelemetry.proto.common.v1.AnyValue', 'arrayValue', 5],
    ['opentelemetry.proto.common.v1.AnyValue', 'kvlistValue', 6],
    ['opentelemetry.proto.common.v1.AnyValue', 'bytesValue', 7],
    ['opentelemetry.proto.common.v1.KeyValue', 'key', 1],
    ['opentelemetry.proto.common.v1.KeyValue', 'value', 2],
    ['opentelemetry.proto.common.v1.InstrumentationScope', 'name', 1],
    ['opentelemetry.proto.common.v1.InstrumentationScope', 'version', 2],
    ['opentelemetry.proto.common.v1.InstrumentationScope', 'attributes', 3],
    ['opentelemetry.proto.common.v1.InstrumentationScope', 'droppedAttributesCount', 4],
    ['opentelemetry.proto.common.v1.InstrumentationLibrary', 'name', 1],
    ['opentelemetry.proto.common.v1.InstrumentationLibrary', 'version', 2],
    ['opentelemetry.proto.resource.v1.Resource', 'attributes', 1],
    ['opentelemetry.proto.resource.v1.Resource', 'droppedAttributesCount', 2],
    ['google.rpc.Status', 'code', 1],
    ['google.rpc.Status', 'message', 2],
    ['google.rpc.Status', 'details', 3],
  ])('%s.%s is field %i', (type, field, id) => {
    expect(otlpRoot.lookupType(type).fields[field].id).toBe(id);
  });

  it('reads 64-bit times as fixed64 and flags as fixed32', () => {
    const span = otlpRoot.lookupType('opentelemetry.proto.trace.v1.Span');
    expect(span.fields.startTimeUnixNano.type).toBe('fixed64');
    expect(span.fields.flags.type).toBe('fixed32');
    expect(otlpRoot.lookupType('opentelemetry.proto.trace.v1.Span.Link').fields.flags.type).toBe('fixed32');
  });
});

describe('encodeExportResponseProtobuf', () => {
  it('encodes full success as the empty message', () => {
    const bytes = encodeExportResponseProtobuf(null);
    expect(bytes.length).toBe(0);
    expect(ProtobufTraceSerializer.deserializeResponse(bytes)).toEqual({});
  });

  it('encodes a partial success the OTel exporter can read', () => {
    const bytes = encodeExportResponseProtobuf({ rejectedSpans: 2, errorMessage: '2 span(s) rejected: …' });
    expect(ProtobufTraceSerializer.deserializeResponse(bytes)).toEqual({
      partialSuccess: { rejectedSpans: 2, errorMessage: '2 span(s) rejected: …' },
    });
    const decoded = otlpTypes.ExportTraceServiceResponse.toObject(otlpTypes.ExportTraceServiceResponse.decode(bytes), { longs: String });
    expect(decoded).toEqual({ partialSuccess: { rejectedSpans: '2', errorMessage: '2 span(s) rejected: …' } });
  });
});

describe('encodeRpcStatusProtobuf', () => {
  it('encodes a google.rpc.Status', () => {
    const bytes = encodeRpcStatusProtobuf(3, 'cannot decode');
    expect(otlpTypes.RpcStatus.toObject(otlpTypes.RpcStatus.decode(bytes))).toEqual({ code: 3, message: 'cannot decode' });
  });
});

describe('OTLP/JSON responses', () => {
  it('builds {} for full success and a partialSuccess with rejectedSpans as a string', () => {
    expect(JSON.stringify(toExportResponseJson(null))).toBe('{}');
    const partial = toExportResponseJson({ rejectedSpans: 2, errorMessage: 'bad ids' });
    expect(JSON.stringify(partial)).toBe('{"partialSuccess":{"rejectedSpans":"2","errorMessage":"bad ids"}}');
    // the OTel JSON exporter reads it back
    expect(JsonTraceSerializer.deserializeResponse(new TextEncoder().encode(JSON.stringify(partial)))).toEqual(partial);
  });

  it('builds the JSON google.rpc.Status', () => {
    expect(JSON.stringify(toRpcStatusJson(3, 'bad'))).toBe('{"code":3,"message":"bad"}');
  });
});
