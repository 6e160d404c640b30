import { describe, expect, inject, test } from 'vitest';

// Every page and every API answer carries the security headers (lib/server/security-headers.ts),
// on the main port and on an ingest port, whatever the status.

const baseUrl = inject('baseUrl');
const otlpUrl = inject('otlpUrl');

const PAGES = ['/', '/search', '/services', '/storage', '/sampling', '/trace/0123456789abcdef0123456789abcdef', '/compare/0123456789abcdef...baseline', '/no-such-page'];
const DATA = ['/api/services', '/api/v3/services', '/api/ui/service-metrics', '/api/health', '/api/nope', '/api/traces?service=%00'];

const expectHeaders = (res: Response, data: boolean) => {
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toMatch(/frame-ancestors 'none'/);
  expect(csp).toMatch(/base-uri 'none'/);
  if (data) expect(csp).toMatch(/^default-src 'none'/);
  else {
    expect(csp).toMatch(/object-src 'none'/);
    // scripts only by nonce: no 'unsafe-inline' for them
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic';/);
    expect(/script-src[^;]*'unsafe-inline'/.test(csp)).toBe(false);
  }
};

const nonceOf = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];

test('liveness is its own route, answering without the database', async () => {
  const res = await fetch(`${baseUrl}/api/live`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: 'alive' });
  expectHeaders(res, true);
});

describe('security headers', () => {
  test.each(PAGES)('page %s', async (path) => {
    const res = await fetch(`${baseUrl}${path}`);
    await res.arrayBuffer();
    expectHeaders(res, false);
  });

  test.each(['/search', '/services', '/trace/0123456789abcdef0123456789abcdef'])('page %s: every <script> carries the answer\'s nonce, fresh per request', async (path) => {
    const [a, b] = [await fetch(`${baseUrl}${path}`), await fetch(`${baseUrl}${path}`)];
    const [nonceA, nonceB] = [nonceOf(a), nonceOf(b)];
    expect(nonceA).toBeDefined();
    expect(nonceA).not.toBe(nonceB);
    const html = await a.text();
    await b.arrayBuffer();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(2); // Next's bootstrap, chunks and RSC payload
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonceA}"`);
  });

  test('a client cannot choose the nonce with a Content-Security-Policy request header', async () => {
    const res = await fetch(`${baseUrl}/search`, { headers: { 'content-security-policy': "script-src 'nonce-AAAAAAAAAAAAAAAAAAAAAA=='" } });
    const html = await res.text();
    expect(nonceOf(res)).not.toBe('AAAAAAAAAAAAAAAAAAAAAA==');
    expect(html).not.toContain('nonce="AAAAAAAAAAAAAAAAAAAAAA=="');
    expect(html).toContain(`nonce="${nonceOf(res)}"`);
  });

  test.each(DATA)('API %s', async (path) => {
    const res = await fetch(`${baseUrl}${path}`);
    await res.arrayBuffer();
    expectHeaders(res, true);
  });

  test('an ingest answer on its own port, and a 414', async () => {
    const ingest = await fetch(`${otlpUrl}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await ingest.arrayBuffer();
    expectHeaders(ingest, true);
    const long = await fetch(`${baseUrl}/api/services?q=${'x'.repeat(20_000)}`);
    await long.arrayBuffer();
    expect(long.status).toBe(414);
    expectHeaders(long, true);
  });
});
