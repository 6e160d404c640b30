import { describe, expect, it } from 'vitest';
import type { EncodedAttributes } from './attribute-value';
import { SpanKind, StatusCode, type ScopeRecord } from './span-record';
import { takeJaegerStatus, takeScope, takeSpanKind, takeStringTag, takeZipkinStatus } from './tag-conventions';

describe('takeStringTag', () => {
  it('removes and returns a string tag, and leaves a tag of another type', () => {
    const tags: EncodedAttributes = { a: 'x', b: true };
    expect(takeStringTag(tags, 'a')).toBe('x');
    expect(takeStringTag(tags, 'b')).toBeUndefined();
    expect(takeStringTag(tags, 'toString')).toBeUndefined();
    expect(tags).toEqual({ b: true });
  });
});

describe('takeSpanKind', () => {
  it.each([
    ['server', SpanKind.SERVER],
    ['CLIENT', SpanKind.CLIENT],
    ['producer', SpanKind.PRODUCER],
    ['consumer', SpanKind.CONSUMER],
    ['internal', SpanKind.INTERNAL],
  ] as const)('span.kind=%s gives %i and is removed', (word, kind) => {
    const tags: EncodedAttributes = { 'span.kind': word, x: 1 };
    expect(takeSpanKind(tags)).toBe(kind);
    expect(tags).toEqual({ x: 1 });
  });

  it.each(['rpc', 'unspecified', 'constructor'])('keeps span.kind=%s as a tag, kind UNSPECIFIED', (word) => {
    const tags: EncodedAttributes = { 'span.kind': word };
    expect(takeSpanKind(tags)).toBe(SpanKind.UNSPECIFIED);
    expect(tags).toEqual({ 'span.kind': word });
  });

  it('gives UNSPECIFIED without the tag', () => {
    expect(takeSpanKind({})).toBe(SpanKind.UNSPECIFIED);
  });
});

describe('takeJaegerStatus', () => {
  it.each([
    ['error=true wins over otel.status_code', { error: true, 'otel.status_code': 'OK', 'otel.status_description': 'boom' }, StatusCode.ERROR, 'boom', {}],
    ["error='true' counts too", { error: 'true' }, StatusCode.ERROR, '', {}],
    ['otel.status_code OK', { 'otel.status_code': 'ok' }, StatusCode.OK, '', {}],
    ['otel.status_code ERROR', { 'otel.status_code': 'ERROR', 'otel.status_description': 'bad' }, StatusCode.ERROR, 'bad', {}],
    ['error=false stays a tag', { error: false, 'otel.status_code': 'UNSET' }, StatusCode.UNSET, '', { error: false }],
    ['a description without a status is dropped', { 'otel.status_description': 'why' }, StatusCode.UNSET, '', {}],
    ['an unknown code is unset', { 'otel.status_code': 'STATUS_CODE_ERROR' }, StatusCode.UNSET, '', {}],
  ] as const)('%s', (_what, input, code, message, left) => {
    const tags: EncodedAttributes = { ...input };
    expect(takeJaegerStatus(tags)).toEqual({ code, message });
    expect(tags).toEqual(left);
  });
});

describe('takeZipkinStatus', () => {
  it.each([
    ['otel.status_code OK wins over the error tag', { 'otel.status_code': 'OK', error: 'x' }, StatusCode.OK, ''],
    ['the error tag holds the message', { error: 'upstream timed out' }, StatusCode.ERROR, 'upstream timed out'],
    ['error=true has no message', { error: 'true' }, StatusCode.ERROR, ''],
    ['any error value is an error', { error: 'false' }, StatusCode.ERROR, 'false'],
    ['the description is preferred', { 'otel.status_code': 'error', error: 'x', 'otel.status_description': 'why' }, StatusCode.ERROR, 'why'],
    ['nothing is unset', { 'otel.status_description': 'why' }, StatusCode.UNSET, ''],
  ] as const)('%s', (_what, input, code, message) => {
    const tags: Record<string, string> = { ...input, other: 'kept' };
    expect(takeZipkinStatus(tags)).toEqual({ code, message });
    expect(tags).toEqual({ other: 'kept' });
  });
});

describe('takeScope', () => {
  it('reads otel.scope.* before otel.library.*, and shares one record per scope', () => {
    const scopes = new Map<string, ScopeRecord>();
    const first: EncodedAttributes = { 'otel.scope.name': 'lib', 'otel.scope.version': '1.0', 'otel.library.name': 'old' };
    const second: EncodedAttributes = { 'otel.library.name': 'lib', 'otel.library.version': '1.0' };
    const a = takeScope(first, scopes);
    expect(a).toEqual({ name: 'lib', version: '1.0', attributes: {}, droppedAttributesCount: 0, schemaUrl: '' });
    expect(first).toEqual({ 'otel.library.name': 'old' });
    expect(takeScope(second, scopes)).toBe(a);
    expect(second).toEqual({});
    expect(takeScope({}, scopes)).toMatchObject({ name: '', version: '' });
  });
});
