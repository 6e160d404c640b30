import { readFileSync } from 'node:fs';
import { parsePasswordHash, type PasswordHash } from './password-hash';

// AUTH_USERS_FILE: one `user:hash` line per user (`npm run auth:hash-password` prints one), `#`
// comments and blank lines allowed. Read once at start; a line that is not a user and a hash stops
// the start with the file and line named, so a typo never silently locks a user out or lets
// one in.

/** The users of `file`, by name; throws naming the file and line of the first bad line. */
export const readAuthUsers = (file: string): Map<string, PasswordHash> => {
  const users = new Map<string, PasswordHash>();
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const where = `AUTH_USERS_FILE ${file}, line ${index + 1}`;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    if (name === '' || /\s/.test(name)) throw new Error(`${where}: expected user:hash (a user name without spaces, a colon, a hash from npm run auth:hash-password)`);
    const hash = parsePasswordHash(line.slice(colon + 1));
    if (hash === undefined) throw new Error(`${where}: the hash of user "${name}" is not one npm run auth:hash-password writes ($scrypt$N=…,r=…,p=…$salt$key)`);
    if (users.has(name)) throw new Error(`${where}: user "${name}" is listed twice`);
    users.set(name, hash);
  }
  if (users.size === 0) throw new Error(`AUTH_USERS_FILE ${file} lists no user: add user:hash lines (npm run auth:hash-password)`);
  return users;
};
