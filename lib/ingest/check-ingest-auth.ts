import { timingSafeEqual } from 'node:crypto';

// INGEST_TOKENS: when set, every HTTP and gRPC ingest must carry one of the tokens, as
// `Authorization: Bearer <token>`, `x-api-key: <token>` (HTTP header or gRPC metadata), or as the
// password of HTTP Basic auth (the only credential jaeger-client's HTTP sender can send).
// The one check every ingest path calls.

/** Reads one header / metadata value by lower-case name. */
export type HeaderReader = (name: string) => string | undefined | null;

export type IngestAuthResult = { ok: true } | { ok: false; message: string };

const sameText = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const candidates = (header: HeaderReader): string[] => {
  const out: string[] = [];
  const apiKey = header('x-api-key');
  if (apiKey) out.push(apiKey.trim());
  const authorization = (header('authorization') ?? '').trim();
  const [scheme, credential = ''] = authorization.split(/\s+/, 2);
  if (/^bearer$/i.test(scheme)) out.push(credential);
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0) out.push(decoded.slice(colon + 1));
  }
  return out;
};

/** Whether a request may ingest; always ok when no tokens are configured. */
export const checkIngestAuth = (header: HeaderReader, tokens: readonly string[]): IngestAuthResult => {
  if (tokens.length === 0) return { ok: true };
  const offered = candidates(header);
  if (offered.length === 0) {
    return { ok: false, message: 'missing ingest token: send Authorization: Bearer <token> or x-api-key: <token>' };
  }
  // every comparison runs, so the time taken does not tell which token came close
  let ok = false;
  for (const o of offered) for (const t of tokens) ok = sameText(o, t) || ok;
  return ok ? { ok: true } : { ok: false, message: 'invalid ingest token' };
};
