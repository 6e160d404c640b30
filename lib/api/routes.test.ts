import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueryParamError } from '@/lib/api/params/query-param-error';
import { pagesRoute, v1Route, v3Route } from './routes';

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
    ['v1', v1Route, { data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 500, msg: 'internal error: disk on fire' }] }],
    ['v3', v3Route, { error: { httpCode: 500, message: 'internal error: disk on fire' } }],
    ['pages', pagesRoute, { error: { message: 'internal error: disk on fire' } }],
  ])('%s: anything else is a logged 500 with the reason', async (_family, route, body) => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await route(broken)(req, undefined);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual(body);
    expect(log).toHaveBeenCalledOnce();
  });

  it('passes an answer through untouched', async () => {
    const ok = new Response('{}', { status: 202 });
    expect(await pagesRoute(async () => ok)(req, undefined)).toBe(ok);
  });
});
