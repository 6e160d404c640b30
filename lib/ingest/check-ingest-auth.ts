import { sameSecret } from './same-secret';

// INGEST_TOKENS: when set, every HTTP and gRPC ingest must carry one of the tokens, as
// `Authorization: Bearer <token>`, `x-api-key: <token>` (HTTP header or gRPC metadata), or as the
// password of HTTP Basic auth (the only credential jaeger-client's HTTP sender can send).
// The one check every ingest path calls.

/** Reads one header / metadata value by lower-case name. */
export type HeaderReader = (name: string) => string | undefined | null;

/** `form` names the credential forms tried (never their value), for the operator's log. */
export type IngestAuthResult = { ok: true } | { ok: false; message: string; form: string };

const candidates = (header: HeaderReader): { offered: string[]; forms: string[] } => {
  const offered: string[] = [];
  const forms: string[] = [];
  const apiKey = header('x-api-key');
  if (apiKey) {
    offered.push(apiKey.trim());
    forms.push('x-api-key');
  }
  const authorization = (header('authorization') ?? '').trim();
  const [scheme, credential = ''] = authorization.split(/\s+/, 2);
  if (/^bearer$/i.test(scheme)) {
    offered.push(credential);
    forms.push('Authorization: Bearer');
  } else if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0) offered.push(decoded.slice(colon + 1));
    forms.push(colon >= 0 ? 'Authorization: Basic' : 'Authorization: Basic without a password');
  } else if (scheme) {
    forms.push(`Authorization: ${scheme.slice(0, 20)} (unsupported scheme)`);
  }
  return { offered, forms };
};

/** Whether a request may ingest; always ok when no tokens are configured. */
export const checkIngestAuth = (header: HeaderReader, tokens: readonly string[]): IngestAuthResult => {
  if (tokens.length === 0) return { ok: true };
  const { offered, forms } = candidates(header);
  if (offered.length === 0) {
    const form = forms.length > 0 ? forms.join(', ') : 'no credential';
    return { ok: false, message: 'missing ingest token: send Authorization: Bearer <token> or x-api-key: <token>', form };
  }
  // every comparison runs, so the time taken does not tell which token came close
  let ok = false;
  for (const o of offered) for (const t of tokens) ok = sameSecret(o, t) || ok;
  return ok ? { ok: true } : { ok: false, message: 'invalid ingest token', form: `${forms.join(', ')} (not a configured token)` };
};
