import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from 'vitest';
import { parsePasswordHash, verifyPassword } from './password-hash';

// `npm run auth:hash-password -- <user>` with the password on stdin prints a line the users file
// takes, whose hash verifies that password; a short password or a bad user name prints why.

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = (args: string[], input: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'lib/server/hash-password-cli.ts', ...args], { cwd: ROOT, input, encoding: 'utf8' });

test('prints user:hash for the password read from stdin', async () => {
  const { status, stdout } = run(['dana'], 'a long passphrase\n');
  expect(status).toBe(0);
  const [user, hash] = [stdout.trim().slice(0, 4), stdout.trim().slice(5)];
  expect(user).toBe('dana');
  expect(await verifyPassword('a long passphrase', parsePasswordHash(hash)!)).toBe(true);
  expect(await verifyPassword('a long passphrasE', parsePasswordHash(hash)!)).toBe(false);
}, 30_000);

test('refuses a short password and a user name with a colon', () => {
  expect(run(['dana'], 'short\n')).toMatchObject({ status: 2, stderr: expect.stringMatching(/at least 8 characters/) });
  expect(run(['da:na'], 'a long passphrase\n')).toMatchObject({ status: 2, stderr: expect.stringMatching(/usage/) });
}, 30_000);
