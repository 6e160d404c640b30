import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueryParamError } from '@/lib/api/params/query-param-error';
import { INTERNAL_ERROR_MESSAGE, pagesRoute, v1Route, v3Route } from './routes';

const req = new Request('http://localhost/api/x?service=a');
const badParam = async (): Promise<Response> => {
  throw new QueryParamError('service', "parameter 'service' is required");
};
const broken = async (): Promise<Response> => {
  throw new Error('disk on fire');
};

afterEach(() => vi.restoreAllMocks());

describe('one error table, one envelope per API family', () => {
  it.each([
    ['v1', v1Route, { data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 400, msg: "parameter 'service' is required" }] }],
    ['v3', v3Route, { error: { httpCode: 400, message: "parameter 'service' is required" } }],
    ['pages', pagesRoute, { error: { message: "parameter 'service' is required", param: 'service' } }],
  ])('%s: a bad parameter is a 400 naming it', async (_family, route, body) => {
    const res = await route(badParam)(req, undefined);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(body);
  });

  it.each([
    ['v1', v1Route, { data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 500, msg: INTERNAL_ERROR_MESSAGE }] }],
    ['v3', v3Route, { error: { httpCode: 500, message: INTERNAL_ERROR_MESSAGE } }],
    ['pages', pagesRoute, { error: { message: INTERNAL_ERROR_MESSAGE } }],
  ])('%s: anything else is a 500 that tells the client nothing of the cause, and logs it', async (_family, route, body) => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await route(broken)(req, undefined);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual(body);
    expect(text).not.toMatch(/disk on fire/);
    expect(String(log.mock.calls[0])).toMatch(/disk on fire/);
  });

  it.each([
    ['a NUL byte', 'http://localhost/api/x?service=%00', 'service', /NUL/],
    ['an overlong value', `http://localhost/api/x?service=${'a'.repeat(5000)}`, 'service', /limit is 4096/],
    ['too many parameters', `http://localhost/api/x?${Array.from({ length: 101 }, (_, i) => `p${i}=1`).join('&')}`, 'p100', /limit is 100/],
  ])('%s in the query string is a 400 naming the parameter before the handler runs', async (_what, url, param, message) => {
    const handler = vi.fn(async () => new Response('{}'));
    const res = await pagesRoute(handler)(new Request(url), undefined);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.param).toBe(param);
    expect(body.error.message).toMatch(message);
    expect(handler).not.toHaveBeenCalled();
  });

  it('checks path parameters too', async () => {
    const handler = vi.fn(async () => new Response('{}'));
    const res = await v3Route(handler)(req, { params: Promise.resolve({ service: 'a\u0000b' }) });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/service.*NUL/);
  });

  it('passes an answer through untouched', async () => {
    const ok = new Response('{}', { status: 202 });
    expect(await pagesRoute(async () => ok)(req, undefined)).toBe(ok);
  });
});
