import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// The password hashes of AUTH_USERS_FILE: scrypt (node:crypto) with a random 16-byte salt, written
// as `$scrypt$N=16384,r=8,p=1$<salt base64>$<key base64>` so the cost can be raised later without
// breaking the hashes already written. Verification runs scrypt off the main thread (libuv's pool)
// and compares the keys in constant time.

const COST = { N: 16384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const FORMAT = /^\$scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

export type PasswordHash = { N: number; r: number; p: number; salt: Buffer; key: Buffer };

const derive = (password: string, salt: Buffer, bytes: number, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, bytes, { ...options, maxmem: 256 * options.N! * options.r! + 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );

/** Reads a hash written by hashPassword; undefined when `text` is not one (or its cost is unreasonable). */
export const parsePasswordHash = (text: string): PasswordHash | undefined => {
  const m = FORMAT.exec(text.trim());
  if (!m) return undefined;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // N a power of two; bounds keep one sign-in from taking seconds or gigabytes
  if (N < 2 || N > 1 << 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return undefined;
  const salt = Buffer.from(m[4], 'base64');
  const key = Buffer.from(m[5], 'base64');
  if (salt.length < 8 || key.length < 16) return undefined;
  return { N, r, p, salt, key };
};

/** A new hash of `password` with a fresh salt. */
export const hashPassword = async (password: string): Promise<string> => {
  const salt = randomBytes(16);
  const key = await derive(password, salt, KEY_BYTES, COST);
  return `$scrypt$N=${COST.N},r=${COST.r},p=${COST.p}$${salt.toString('base64')}$${key.toString('base64')}`;
};

/** Whether `password` matches `hash`; the keys are compared in constant time. */
export const verifyPassword = async (password: string, hash: PasswordHash): Promise<boolean> => {
  const key = await derive(password, hash.salt, hash.key.length, { N: hash.N, r: hash.r, p: hash.p });
  return timingSafeEqual(key, hash.key);
};

// an unknown user name costs the same scrypt as a known one, so the time taken does not say
// which names exist
let decoy: Promise<PasswordHash> | undefined;
/** A hash no password matches in practice, verified against when the user is unknown. */
export const decoyHash = (): Promise<PasswordHash> =>
  (decoy ??= hashPassword(randomBytes(24).toString('base64')).then((h) => parsePasswordHash(h)!));
