// Trace ids from clients, normalized to the 32 lower-case hex characters the store keys on.
// Jaeger accepts 1–32 hex characters (leading zeros may be dropped: its v1 ids print a 64-bit
// id as 16 characters) and, since v2.20, standard or URL-safe base64 of the id bytes
// (apiv3.TraceIDFromString).

const HEX_RE = /^[0-9a-fA-F]{1,32}$/;
const BASE64_RE = /^[A-Za-z0-9+/_-]+={0,2}$/;
const ALL_ZERO_RE = /^0+$/;

// Base64 only when the text is not valid hex: "AAAAAAAAAAAAAAAAAAAAAA" is both, and Jaeger reads it as hex.
// atob/btoa rather than Buffer: this module is also imported by the browser.
const decodeBase64Id = (s: string): string | undefined => {
  if (s.length > 24 || !BASE64_RE.test(s)) return undefined;
  const standard = s.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  if (standard.length % 4 === 1) return undefined;
  let binary: string;
  try {
    binary = atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, '='));
  } catch {
    return undefined;
  }
  // atob ignores stray low bits; re-encoding must give the input back, or it was not canonical base64
  if (btoa(binary).replace(/=+$/, '') !== standard) return undefined;
  if (binary.length !== 16 && binary.length !== 8) return undefined;
  const hex = Array.from(binary, (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  return hex.padStart(32, '0');
};

/** Normalizes a client trace id (1–32 hex chars of any case, or base64 of 16 or 8 bytes) to 32 lower-case hex; throws if invalid. */
export const parseTraceId = (input: string): string => {
  const s = input.trim();
  let hex: string | undefined;
  if (HEX_RE.test(s)) hex = s.toLowerCase().padStart(32, '0');
  else hex = decodeBase64Id(s);

  if (hex === undefined) {
    throw new Error(
      `invalid trace id ${JSON.stringify(input)}: expected 1 to 32 hex characters, or base64 of 16 or 8 bytes`,
    );
  }
  if (ALL_ZERO_RE.test(hex)) {
    throw new Error(`invalid trace id ${JSON.stringify(input)}: the all-zero trace id is not valid`);
  }
  return hex;
};
