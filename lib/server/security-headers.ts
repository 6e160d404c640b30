import { randomBytes } from 'node:crypto';
import type http from 'node:http';

// The security headers of every answer of every HTTP listener, set before anything else writes:
// no MIME sniffing (a trace's text is never run as a script or styles), no framing (click-jacking
// of the UI), no Referer leaving the UI (its URLs carry trace ids and search terms), and a
// Content-Security-Policy. API and ingest answers are data: nothing in them may load or run.
// Pages: nothing from other origins, no plugins, no <base>, no framing, forms only to us, and no
// inline script but Next.js's own: each page request gets a fresh nonce, in the answer's CSP and
// in the request's `Content-Security-Policy` header, which is where Next.js's app router reads
// the nonce it puts on every <script> it renders (its bootstrap and RSC payload are inline).
// 'strict-dynamic' lets those scripts load the chunks they need. Inline styles stay allowed
// (React's style attributes, the charts).

const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const pageCsp = (nonce: string) =>
  `default-src 'self'; script-src 'self' 'nonce-${nonce}' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; ` +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const isData = (pathname: string): boolean =>
  pathname === '/api' || pathname.startsWith('/api/') || pathname === '/v1/traces' || pathname === '/metrics';

/** The headers every answer to a request for `pathname` carries; a page's CSP has a fresh nonce. */
export const securityHeaders = (pathname: string, nonce = randomBytes(16).toString('base64')): Record<string, string> => ({
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': isData(pathname) ? API_CSP : pageCsp(nonce),
});

/**
 * Sets the security headers on `res`, and hands a page's CSP (with its nonce) to Next.js in the
 * request; a CSP header the client sent is dropped first, so a client cannot choose the nonce.
 */
export const applySecurityHeaders = (req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void => {
  delete req.headers['content-security-policy'];
  delete req.headers['content-security-policy-report-only'];
  const headers = securityHeaders(pathname);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (!isData(pathname)) req.headers['content-security-policy'] = headers['content-security-policy'];
};
