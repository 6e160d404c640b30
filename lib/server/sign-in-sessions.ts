import { createHash, randomBytes } from 'node:crypto';

// The UI's sign-in sessions: a random 256-bit token in an HttpOnly cookie, and this process's
// table of live ones, looked up by the token's SHA-256 (so the lookup's timing tells nothing
// about a token, and the table never holds one). Sign-out removes the entry; a restart signs
// everyone out. Sessions last SESSION_MS; the table is bounded, the oldest evicted first.

export const SESSION_COOKIE = 'spanscope_session';
export const SESSION_MS = 12 * 3_600_000;
const MAX_SESSIONS = 10_000;

type Session = { user: string; expires: number };

const keyOf = (token: string): string => createHash('sha256').update(token).digest('base64');

export class SignInSessions {
  private readonly sessions = new Map<string, Session>();

  /** A new session for `user`; returns its token (the cookie's value). */
  open(user: string, now = Date.now()): string {
    const token = randomBytes(32).toString('base64url');
    if (this.sessions.size >= MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    this.sessions.set(keyOf(token), { user, expires: now + SESSION_MS });
    return token;
  }

  /** The user of a live session, or undefined. */
  userOf(token: string, now = Date.now()): string | undefined {
    const key = keyOf(token);
    const session = this.sessions.get(key);
    if (session === undefined) return undefined;
    if (session.expires <= now) {
      this.sessions.delete(key);
      return undefined;
    }
    return session.user;
  }

  close(token: string): void {
    this.sessions.delete(keyOf(token));
  }
}

/** The value of cookie `name` in a Cookie header, or undefined. */
export const readCookie = (header: string | undefined, name: string): string | undefined => {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
};
