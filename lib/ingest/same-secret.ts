import { createHash, timingSafeEqual } from 'node:crypto';

// Comparing a credential a client offered with a configured secret must not tell, by the time it
// takes, how much of it was right, nor how long the secret is: both are hashed first (SHA-256, a
// fixed 32 bytes), and the digests compared in constant time. Comparing the raw bytes returned at
// once when the lengths differed, which leaked the token's length.

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Whether `offered` equals `secret`, in time independent of either's content and length. */
export const sameSecret = (offered: string, secret: string): boolean => timingSafeEqual(digest(offered), digest(secret));
