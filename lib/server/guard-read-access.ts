import type http from 'node:http';
import type { TEnv } from '@/lib/env';
import { readAccessControlOn } from '@/lib/env';
import { errorResponseForPath } from '@/lib/api/unknown-api-path';
import { tempoErrorResponse } from '@/lib/api/tempo/envelope';
import { sameSecret } from '@/lib/ingest/same-secret';
import { logAccessRefusal } from './log-access-refusal';
import { addressMatcher } from './match-address';
import { decoyHash, verifyPassword, type PasswordHash } from './password-hash';
import { readCookie, SESSION_COOKIE, SESSION_MS, SignInSessions } from './sign-in-sessions';

// Read access control, enforced once, here, in the launcher's HTTP layer, before Next.js sees a
// request: every UI page and every read API (Jaeger v1, api_v3, /api/ui/*, /api/tempo/*, the
// Tempo port, /metrics) needs one of
//   - a trusted proxy's user header (AUTH_PROXY_HEADER, only from AUTH_PROXY_ADDRESSES; the same
//     header from any other address is ignored and logged),
//   - a query token (QUERY_TOKENS) as `Authorization: Bearer <token>`, or as the password of
//     Basic auth with any user name (how Grafana's Jaeger and Tempo data sources send one),
//   - a sign-in session cookie (AUTH_USERS_FILE; the /sign-in page and POST /sign-in).
// Open without one: ingest (it has INGEST_TOKENS), remote sampling, /api/health, /api/live, the
// sign-in page and the static files it loads. With nothing configured every request passes, as
// before. An API refusal is a 401 in its family's envelope with WWW-Authenticate; a page
// refusal redirects to /sign-in?next=… (or, without users, asks the browser for Basic auth).

/** The header Next.js reads the signed-in user from (any client-sent one is removed). */
export const SIGNED_IN_USER_HEADER = 'x-spanscope-user';

type Next = () => void;
type Kind = 'open' | 'api' | 'page';
type Who = { user: string; via: 'proxy' | 'token' | 'session' };

const INGEST_PATHS = new Set(['/v1/traces', '/api/traces', '/api/v1/spans', '/api/v2/spans']);
const MAX_FORM_BYTES = 8 * 1024;
const REALM = 'Spanscope';

const pathAndSearch = (url: string): [string, string] => {
  const q = url.indexOf('?');
  return q === -1 ? [url, ''] : [url.slice(0, q), url.slice(q)];
};

/** What a request on the main port is, by its method and path; exported for tests. */
export const classifyRequest = (method: string, rawPath: string): Kind => {
  // Next.js resolves dot segments (`/_next/static/../../api/ui/search`), so a path is open only
  // as written, never through one
  let pathname: string;
  try {
    pathname = new URL(`http://h${rawPath}`).pathname;
  } catch {
    return 'page';
  }
  const isApi = pathname === '/api' || pathname.startsWith('/api/') || pathname === '/metrics';
  if (pathname !== rawPath || rawPath.includes('%')) return isApi ? 'api' : 'page';
  if (pathname === '/api/health' || pathname === '/api/live' || pathname === '/api/sampling') return 'open';
  if (pathname.startsWith('/_next/static/') || pathname === '/favicon.ico') return 'open';
  if (pathname === '/sign-in' || pathname === '/sign-out') return 'open';
  if ((method === 'POST' || method === 'OPTIONS') && INGEST_PATHS.has(pathname)) return 'open';
  return isApi ? 'api' : 'page';
};

/** Where to go after signing in: a path on this site, never another origin (`//evil`, `/\evil`). */
export const safeNext = (next: string | null | undefined): string => {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.length > 2048) return '/';
  if (/[\u0000-\u001f\\]/.test(next) || next.startsWith('/sign-in') || next.startsWith('/sign-out')) return '/';
  return next;
};

const send = async (res: http.ServerResponse, response: Response, extra: Record<string, string> = {}): Promise<void> => {
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), ...extra });
  res.end(body);
};

const redirect = (res: http.ServerResponse, location: string, headers: Record<string, string | string[]> = {}): void =>
  void res.writeHead(303, { location, 'cache-control': 'no-store', ...headers }).end();

const readForm = (req: http.IncomingMessage): Promise<URLSearchParams | undefined> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_FORM_BYTES) chunks.push(chunk);
    });
    req.once('end', () => resolve(size > MAX_FORM_BYTES ? undefined : new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.once('error', () => resolve(undefined));
  });

const servedOverHttps = (req: http.IncomingMessage): boolean =>
  (req.socket as { encrypted?: boolean }).encrypted === true || String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim() === 'https';

const sessionCookie = (req: http.IncomingMessage, value: string, maxAgeSeconds: number): string =>
  `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${servedOverHttps(req) ? '; Secure' : ''}`;

// a form posted from another site (login CSRF) is refused. Browsers say where a request comes
// from in Sec-Fetch-Site; Origin is `null` on our own pages (Referrer-Policy: no-referrer), so it
// is compared only when it names an origin.
const sameOrigin = (req: http.IncomingMessage): boolean => {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null') return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
};

export type ReadAccess = {
  /** whether any form of access control is configured */
  on: boolean;
  /** the main port: gates by path, answers POST /sign-in and /sign-out, else calls `next` */
  main: (req: http.IncomingMessage, res: http.ServerResponse, next: Next) => void;
  /** the Tempo port: every request it routes is a read */
  tempo: (req: http.IncomingMessage, res: http.ServerResponse, next: Next) => void;
};

export const createReadAccess = (config: TEnv, users: Map<string, PasswordHash> | undefined): ReadAccess => {
  const on = readAccessControlOn(config);
  const tokens = config.QUERY_TOKENS;
  const proxyHeader = config.AUTH_PROXY_HEADER;
  const trustedProxy = addressMatcher(config.AUTH_PROXY_ADDRESSES);
  const sessions = new SignInSessions();
  const source = (req: http.IncomingMessage) => req.socket.remoteAddress ?? 'unknown address';

  /** Who sent the request; a string is why it was refused (for the log). */
  const identify = (req: http.IncomingMessage): Who | string => {
    if (proxyHeader !== undefined) {
      const value = req.headers[proxyHeader];
      const user = (Array.isArray(value) ? value[0] : value)?.trim();
      if (user) {
        if (trustedProxy(req.socket.remoteAddress) && user.length <= 256) return { user, via: 'proxy' };
        logAccessRefusal(source(req), `${proxyHeader} header from an address not in AUTH_PROXY_ADDRESSES (ignored)`);
      }
    }
    const authorization = (req.headers.authorization ?? '').trim();
    if (authorization !== '' && tokens.length > 0) {
      const [scheme, credential = ''] = authorization.split(/\s+/, 2);
      let offered: string | undefined;
      if (/^bearer$/i.test(scheme)) offered = credential;
      else if (/^basic$/i.test(scheme)) {
        const decoded = Buffer.from(credential, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        offered = colon >= 0 ? decoded.slice(colon + 1) : undefined;
      }
      if (offered === undefined) return `Authorization: ${scheme.slice(0, 20)} without a usable credential`;
      // every comparison runs, so the time taken does not tell which token came close
      let ok = false;
      for (const token of tokens) ok = sameSecret(offered, token) || ok;
      if (ok) return { user: 'query token', via: 'token' };
      return `Authorization: ${/^bearer$/i.test(scheme) ? 'Bearer' : 'Basic'} with a token not in QUERY_TOKENS`;
    }
    const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (cookie !== undefined && users !== undefined) {
      const user = sessions.userOf(cookie);
      if (user !== undefined) return { user, via: 'session' };
      return 'an expired or unknown session cookie';
    }
    return 'no credential';
  };

  const refuseApi = (req: http.IncomingMessage, res: http.ServerResponse, pathname: string, tempo: boolean) => {
    const message = 'authentication required: send Authorization: Bearer <query token> (or Basic auth with the token as password)';
    const response = tempo || pathname.startsWith('/api/tempo/') ? tempoErrorResponse(401, message) : errorResponseForPath(pathname, 401, message);
    // browsers prompt for Basic credentials; they are asked only where no sign-in page exists
    const challenge = users === undefined && tokens.length > 0 ? `Bearer realm="${REALM}", Basic realm="${REALM}"` : `Bearer realm="${REALM}"`;
    void send(res, response, { 'www-authenticate': challenge, 'cache-control': 'no-store' });
  };

  const refusePage = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (users !== undefined) return redirect(res, `/sign-in?next=${encodeURIComponent(safeNext(req.url))}`);
    const text = 'Spanscope needs credentials: sign in with a query token as the password (any user name).\n';
    res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': `Basic realm="${REALM}"`, 'cache-control': 'no-store' }).end(text);
  };

  const signIn = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (users === undefined) {
      return void send(res, errorResponseForPath('/sign-in', 404, 'signing in with a user name is not configured (AUTH_USERS_FILE)'));
    }
    if (!sameOrigin(req)) return void send(res, errorResponseForPath('/sign-in', 403, 'the sign-in form was posted from another site'));
    const form = await readForm(req);
    const next = safeNext(form?.get('next'));
    const user = form?.get('user')?.trim() ?? '';
    const password = form?.get('password') ?? '';
    const hash = users.get(user);
    const ok = (await verifyPassword(password, hash ?? (await decoyHash()))) && hash !== undefined;
    if (!ok) {
      logAccessRefusal(source(req), `sign-in failed for user "${user.slice(0, 64).replace(/[^\x20-\x7e]/g, '?')}"`);
      return redirect(res, `/sign-in?error=1&next=${encodeURIComponent(next)}`);
    }
    const token = sessions.open(user);
    redirect(res, next, { 'set-cookie': sessionCookie(req, token, SESSION_MS / 1000) });
  };

  const signOut = (req: http.IncomingMessage, res: http.ServerResponse) => {
    req.resume();
    if (!sameOrigin(req)) return void send(res, errorResponseForPath('/sign-out', 403, 'the sign-out form was posted from another site'));
    const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (cookie !== undefined) sessions.close(cookie);
    redirect(res, '/sign-in', { 'set-cookie': sessionCookie(req, '', 0) });
  };

  const gate = (req: http.IncomingMessage, res: http.ServerResponse, next: Next, kind: 'api' | 'page', pathname: string, tempo: boolean) => {
    const who = identify(req);
    if (typeof who === 'string') {
      if (who !== 'no credential' || kind === 'api') logAccessRefusal(source(req), `${req.method} ${pathname.slice(0, 100)}: ${who}`);
      return kind === 'api' ? refuseApi(req, res, pathname, tempo) : refusePage(req, res);
    }
    if (who.via === 'session') req.headers[SIGNED_IN_USER_HEADER] = who.user;
    next();
  };

  return {
    on,
    main: (req, res, next) => {
      delete req.headers[SIGNED_IN_USER_HEADER];
      const method = req.method ?? 'GET';
      const [pathname] = pathAndSearch(req.url ?? '/');
      if (pathname === '/sign-in' && method === 'POST') return void signIn(req, res);
      if (pathname === '/sign-out') {
        if (method === 'POST') return signOut(req, res);
        req.resume();
        return void send(res, errorResponseForPath('/sign-out', 405, 'sign out with POST /sign-out'), { allow: 'POST' });
      }
      const kind = classifyRequest(method, pathname);
      if (!on || kind === 'open') return next();
      gate(req, res, next, kind, pathname, false);
    },
    tempo: (req, res, next) => {
      delete req.headers[SIGNED_IN_USER_HEADER];
      if (!on) return next();
      gate(req, res, next, 'api', pathAndSearch(req.url ?? '/')[0], true);
    },
  };
};
