import http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '@/lib/test/test-server';
import { hashPassword } from './password-hash';

// Read access control with all three forms on one server (lib/server/guard-read-access.ts):
// query tokens (Bearer, and Basic as Grafana's data sources send them), a users file with the
// sign-in form and its session cookie, and a proxy's user header trusted only from 127.0.0.2.
// The server listens on 127.0.0.1; Linux routes all of 127/8 to loopback, so a client can speak
// from 127.0.0.2 (trusted) or 127.0.0.1 (not).

const TOKEN = 'query-token-7f3a9c';
const PASSWORD = 'correct horse battery';
let server: TestServer;
let usersFile: string;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'spanscope-users-'));
  usersFile = path.join(dir, 'users');
  writeFileSync(usersFile, `# operators\nalice:${await hashPassword(PASSWORD)}\n\n`);
  server = await startTestServer({
    env: { QUERY_TOKENS: `other-token, ${TOKEN}`, AUTH_USERS_FILE: usersFile, AUTH_PROXY_HEADER: 'X-Forwarded-User', AUTH_PROXY_ADDRESSES: '127.0.0.2/32' },
  });
}, 240_000);
afterAll(async () => server?.stop());

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers, redirect: 'manual' });

/** A raw request (no URL normalisation, a chosen local address). */
const raw = (port: number, pathAndQuery: string, headers: Record<string, string> = {}, localAddress = '127.0.0.1') =>
  new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathAndQuery, headers, localAddress }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d)).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject).end();
  });

const port = () => Number(new URL(server.baseUrl).port);

const otlpJson = (traceId: string) =>
  JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'guarded-svc' } }] },
        scopeSpans: [{ spans: [{ traceId, spanId: '00000000000000a1', name: 'op', startTimeUnixNano: String(BigInt(Date.now()) * 1_000_000n), endTimeUnixNano: String(BigInt(Date.now() + 5) * 1_000_000n) }] }],
      },
    ],
  });

describe('without credentials', () => {
  test.each([
    ['/api/services', (b: any) => expect(b.errors[0]).toMatchObject({ code: 401, msg: expect.stringMatching(/Bearer/) })],
    ['/api/traces?service=x', (b: any) => expect(b.errors[0].code).toBe(401)],
    ['/api/v3/services', (b: any) => expect(b.error).toMatchObject({ httpCode: 401, message: expect.stringMatching(/Bearer/) })],
    ['/api/ui/search?service=x', (b: any) => expect(b.error.message).toMatch(/authentication required/)],
  ])('%s is a 401 in its family envelope with WWW-Authenticate', async (p, check) => {
    const res = await get(`${server.baseUrl}${p}`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="Spanscope"/);
    check(await res.json());
  });

  test('Tempo, on the main port and on its own, answers 401 in plain text as Tempo does', async () => {
    for (const url of [`${server.baseUrl}/api/tempo/search`, `http://127.0.0.1:${server.ingestPorts.tempo}/api/search`, `http://127.0.0.1:${server.ingestPorts.tempo}/api/echo`]) {
      const res = await get(url);
      expect(res.status, url).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(res.headers.get('www-authenticate')).toMatch(/Bearer/);
      expect(await res.text()).toMatch(/authentication required/);
    }
  });

  test('a page redirects to the sign-in page, keeping where it was going', async () => {
    const res = await get(`${server.baseUrl}/search?service=a%20b&limit=5`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent('/search?service=a%20b&limit=5')}`);
  });

  test('health, liveness, the sign-in page and its static files stay open', async () => {
    expect((await get(`${server.baseUrl}/api/health`)).status).toBe(200);
    expect((await get(`${server.baseUrl}/api/live`)).status).toBe(200);
    const page = await get(`${server.baseUrl}/sign-in?next=/search`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/name="password"/);
    const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1];
    expect((await get(`${server.baseUrl}${script}`)).status).toBe(200);
  });

  test('a dot-segment path through an open prefix is not open', async () => {
    for (const p of ['/_next/static/../../api/services', '/api/health/../services', '/_next/static/%2e%2e/%2e%2e/api/services']) {
      const res = await raw(port(), p);
      expect(res.status, p).not.toBe(200);
      expect(res.body, p).not.toMatch(/"data":\[/);
    }
  });

  test('ingest needs no query token: spans sent without one are stored, and read with one', async () => {
    const traceId = crypto.randomUUID().replaceAll('-', '');
    for (const url of [`${server.otlpUrl}/v1/traces`, `${server.baseUrl}/v1/traces`]) {
      const sent = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: otlpJson(traceId) });
      expect(sent.status, url).toBe(200);
    }
    const read = await get(`${server.baseUrl}/api/traces/${traceId}`, { authorization: `Bearer ${TOKEN}` });
    expect(read.status).toBe(200);
    expect((await read.json()).data[0].spans).toHaveLength(1);
  });
});

describe('query tokens', () => {
  test('Bearer, as a Grafana data source sends it, on the Jaeger, api_v3, UI and Tempo APIs', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    for (const url of [`${server.baseUrl}/api/services`, `${server.baseUrl}/api/v3/services`, `${server.baseUrl}/api/ui/search?lookback=1h`, `http://127.0.0.1:${server.ingestPorts.tempo}/api/search?limit=5`, `http://127.0.0.1:${server.ingestPorts.tempo}/api/echo`]) {
      expect((await get(url, auth)).status, url).toBe(200);
    }
  });

  test('Basic with the token as password and any user, as Grafana sends basic auth', async () => {
    expect((await get(`${server.baseUrl}/api/services`, { authorization: basic('grafana', TOKEN) })).status).toBe(200);
    expect((await get(`http://127.0.0.1:${server.ingestPorts.tempo}/api/search/tags`, { authorization: basic('', TOKEN) })).status).toBe(200);
    expect((await get(`${server.baseUrl}/search`, { authorization: basic('someone', TOKEN) })).status).toBe(200);
  });

  test('a wrong token is refused and logged rate-limited (one line per source), never with the token', async () => {
    const wrong = 'wrong-token-d41d8c';
    const auth = (i: number) => (i % 2 ? `Bearer ${wrong}` : basic('grafana', wrong));
    // from a source that was not refused before, so its first refusal is the line logged
    for (let i = 0; i < 12; i++) expect((await raw(port(), '/api/services', { authorization: auth(i) }, '127.0.0.3')).status).toBe(401);
    for (let i = 0; i < 12; i++) expect((await get(`${server.baseUrl}/api/services`, { authorization: auth(i) })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    const out = server.output();
    expect(out.match(/refused from 127\.0\.0\.3:.*/g)).toEqual(['refused from 127.0.0.3: GET /api/services: Authorization: Basic with a token not in QUERY_TOKENS']);
    expect(out.match(/refused from 127\.0\.0\.1:/g)).toHaveLength(1);
    expect(out).not.toContain(wrong);
    expect(out).not.toContain(TOKEN);
  });
});

describe('sign-in with the users file', () => {
  const signIn = (user: string, password: string, next: string, headers: Record<string, string> = {}) =>
    fetch(`${server.baseUrl}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.baseUrl, ...headers },
      body: new URLSearchParams({ user, password, next }).toString(),
    });

  test('a wrong password goes back to the form with an error; an unknown user the same', async () => {
    for (const [user, password] of [['alice', 'wrong password'], ['mallory', PASSWORD]]) {
      const res = await signIn(user, password, '/services');
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/sign-in?error=1&next=%2Fservices');
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    expect(server.output()).not.toContain('wrong password');
  });

  test('the right one sets an HttpOnly SameSite=Lax cookie, lands on next, and sign-out ends the session', async () => {
    const res = await signIn('alice', PASSWORD, '/services?x=1');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/services?x=1');
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^spanscope_session=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/);
    const cookie = setCookie.split(';')[0];
    const page = await get(`${server.baseUrl}/services`, { cookie });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/Sign out/);
    expect((await get(`${server.baseUrl}/api/ui/search?lookback=1h`, { cookie })).status).toBe(200);

    const out = await fetch(`${server.baseUrl}/sign-out`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: server.baseUrl } });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await get(`${server.baseUrl}/api/ui/search?lookback=1h`, { cookie })).status).toBe(401);
  });

  test('the cookie is Secure when served over HTTPS (a TLS proxy says so), and next never leaves the site', async () => {
    const res = await signIn('alice', PASSWORD, '//evil.example/x', { 'x-forwarded-proto': 'https' });
    expect(res.headers.get('set-cookie')).toMatch(/; Secure$/);
    expect(res.headers.get('location')).toBe('/');
  });

  test('a sign-in form posted from another site is refused', async () => {
    const res = await signIn('alice', PASSWORD, '/', { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});

describe('a proxy user header', () => {
  test('is trusted from AUTH_PROXY_ADDRESSES', async () => {
    const res = await raw(port(), '/api/services', { 'x-forwarded-user': 'bob' }, '127.0.0.2');
    expect(res.status).toBe(200);
    expect((await raw(port(), '/services', { 'x-forwarded-user': 'bob' }, '127.0.0.2')).status).toBe(200);
  });

  test('from any other address is not trusted, and says so in the log', async () => {
    const res = await raw(port(), '/api/services', { 'x-forwarded-user': 'bob' }, '127.0.0.1');
    expect(res.status).toBe(401);
    const page = await raw(port(), '/services', { 'x-forwarded-user': 'bob' }, '127.0.0.1');
    expect(page.status).toBe(303);
    // without the header, the trusted address is an ordinary client
    expect((await raw(port(), '/api/services', {}, '127.0.0.2')).status).toBe(401);
  });
});

describe('start', () => {
  test('a users file with a bad line stops the start naming the file and line', async () => {
    const bad = path.join(path.dirname(usersFile), 'bad-users');
    writeFileSync(bad, `alice:${await hashPassword(PASSWORD)}\nbob:plaintext\n`);
    await expect(startTestServer({ env: { AUTH_USERS_FILE: bad } })).rejects.toThrow(/AUTH_USERS_FILE .*bad-users, line 2: the hash of user "bob"/);
  }, 120_000);

  test('a proxy header without trusted addresses is a configuration error', async () => {
    await expect(startTestServer({ env: { AUTH_PROXY_HEADER: 'X-Forwarded-User' } })).rejects.toThrow(/AUTH_PROXY_HEADER: needs AUTH_PROXY_ADDRESSES/);
  }, 120_000);
});

test('with access control off and HOST beyond loopback, the start log warns loudly', async () => {
  const open = await startTestServer({ env: { HOST: '0.0.0.0' } });
  try {
    expect(open.output()).toMatch(/READ ACCESS CONTROL IS OFF and the UI listens on 0\.0\.0\.0/);
    expect((await get(`${open.baseUrl}/api/services`)).status).toBe(200);
  } finally {
    await open.stop();
  }
}, 240_000);
