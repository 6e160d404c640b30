import { describe, expect, it } from 'vitest';
import { isPrettyPrint, v1DataResponse, v1ErrorResponse, v3ErrorResponse } from './envelope';

describe('v1DataResponse', () => {
  it('wraps data in the v1 envelope, exact bytes', async () => {
    const res = v1DataResponse(['svcA', 'svcB'], { total: 2 });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.text()).toBe('{"data":["svcA","svcB"],"total":2,"limit":0,"offset":0,"errors":null}');
  });

  it('defaults total to 0 and carries per-id errors without a code', async () => {
    const res = v1DataResponse([], { errors: [{ msg: 'trace not found', traceID: 'abc' }] });
    expect(await res.json()).toEqual({ data: [], total: 0, limit: 0, offset: 0, errors: [{ msg: 'trace not found', traceID: 'abc' }] });
  });

  it('indents by 4 spaces with prettyPrint', async () => {
    const res = v1DataResponse([1], { prettyPrint: true });
    expect(await res.text()).toBe('{\n    "data": [\n        1\n    ],\n    "total": 0,\n    "limit": 0,\n    "offset": 0,\n    "errors": null\n}');
  });
});

describe('error bodies', () => {
  it('v1: status and code agree', async () => {
    const res = v1ErrorResponse(400, "parameter 'service' is required");
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.text()).toBe(
      '{"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":400,"msg":"parameter \'service\' is required"}]}',
    );
  });

  it('v3: {"error":{"httpCode","message"}}', async () => {
    const res = v3ErrorResponse(404, 'No traces found');
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('{"error":{"httpCode":404,"message":"No traces found"}}');
  });

  it('v3 with prettyPrint', async () => {
    expect(await v3ErrorResponse(400, 'x', { prettyPrint: true }).text()).toBe(
      '{\n    "error": {\n        "httpCode": 400,\n        "message": "x"\n    }\n}',
    );
  });
});

describe('isPrettyPrint', () => {
  it.each([
    ['prettyPrint=true', true],
    ['prettyPrint=1', true],
    ['prettyPrint=yes', true],
    ['prettyPrint=false', false],
    ['prettyPrint=', false],
    ['', false],
  ])('%s → %s', (query, expected) => {
    expect(isPrettyPrint(new URLSearchParams(query))).toBe(expected);
  });
});
