// The security headers of every answer of every HTTP listener, set before anything else writes:
// no MIME sniffing (a trace's text is never run as a script or styles), no framing (click-jacking
// of the UI), no Referer leaving the UI (its URLs carry trace ids and search terms), and a
// Content-Security-Policy. API and ingest answers are data: nothing in them may load or run.
// Pages: nothing from other origins, no plugins, no <base>, no framing, forms only to us.

const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

// Next.js's app router bootstraps each page with inline <script> tags; refusing inline script
// on pages needs a per-request nonce, which is not done yet (see the README's security section).
const PAGE_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const isData = (pathname: string): boolean =>
  pathname === '/api' || pathname.startsWith('/api/') || pathname === '/v1/traces' || pathname === '/metrics';

/** The headers every answer to a request for `pathname` carries. */
export const securityHeaders = (pathname: string): Record<string, string> => ({
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': isData(pathname) ? API_CSP : PAGE_CSP,
});
