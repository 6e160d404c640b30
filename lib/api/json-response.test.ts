import { describe, expect, it } from 'vitest';
import { jsonResponse } from './json-response';

describe('jsonResponse', () => {
  it('keeps extra headers and the status', async () => {
    const res = jsonResponse({ result: { resourceSpans: [] } }, { status: 201, headers: { 'cache-control': 'no-store' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ result: { resourceSpans: [] } });
  });
});
