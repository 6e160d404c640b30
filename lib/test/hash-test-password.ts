// The users file's hash for e2e specs (which may import lib/test, not lib/server).
export { hashPassword } from '@/lib/server/password-hash';
