import { expect, inject, test } from 'vitest';

// Unknown /api/* paths answer a JSON 404 in their API family's envelope (not Next's HTML page),
// e.g. jaeger-ui's metrics, archive and quality-metrics routes when an operator turns them on.

const baseUrl = inject('baseUrl');

test.each([
  ['GET', '/api/metrics/latencies?service=x', { data: null, errors: [{ code: 404, msg: 'no API route GET /api/metrics/latencies' }] }],
  ['POST', '/api/archive/0123456789abcdef', { data: null, errors: [{ code: 404, msg: 'no API route POST /api/archive/0123456789abcdef' }] }],
  ['GET', '/api/quality-metrics', { data: null, errors: [{ code: 404, msg: 'no API route GET /api/quality-metrics' }] }],
  ['GET', '/api/traces/0123456789abcdef/extra', { data: null, errors: [{ code: 404, msg: 'no API route GET /api/traces/0123456789abcdef/extra' }] }],
  ['GET', '/api/v3/nothing', { error: { httpCode: 404, message: 'no API route GET /api/v3/nothing' } }],
  ['GET', '/api/ui/nothing', { error: { message: 'no API route GET /api/ui/nothing' } }],
])('%s %s is a JSON 404 in its family\'s envelope', async (method, path, body) => {
  const res = await fetch(`${baseUrl}${path}`, { method });
  expect(res.status).toBe(404);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  expect(await res.json()).toMatchObject(body);
});
