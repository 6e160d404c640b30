import { describe, expect, it } from 'vitest';
import { answerUnknownApiPath } from './unknown-api-path';

describe('answerUnknownApiPath', () => {
  it.each([
    ['/api/v3/nope', { error: { httpCode: 404, message: 'no API route GET /api/v3/nope' } }],
    ['/api/ui/nope', { error: { message: 'no API route GET /api/ui/nope' } }],
    ['/api/metrics/latencies', { data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 404, msg: 'no API route GET /api/metrics/latencies' }] }],
  ])('%s is a JSON 404 in its family\'s envelope', async (path, body) => {
    const res = answerUnknownApiPath(new Request(`http://x${path}`));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual(body);
  });
});
