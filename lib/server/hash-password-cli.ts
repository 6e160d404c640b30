import { createInterface } from 'node:readline';
import { hashPassword } from './password-hash';

// `npm run auth:hash-password -- <user>`: reads a password (typed without echo on a terminal,
// or one line from a pipe) and prints the `user:hash` line for AUTH_USERS_FILE. The password is
// never an argument, so it stays out of shell history and the process list.

const readPassword = (prompt: string): Promise<string> =>
  new Promise((resolve) => {
    const tty = process.stdin.isTTY === true;
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: tty });
    if (tty) {
      process.stderr.write(prompt);
      // readline echoes through _writeToOutput; muted, the typed characters stay off the screen
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
    }
    rl.once('line', (line) => {
      resolve(line); // before close(), whose 'close' event would resolve with ''
      if (tty) process.stderr.write('\n');
      rl.close();
    });
    rl.once('close', () => resolve(''));
  });

const main = async () => {
  const user = process.argv[2] ?? '';
  if (user === '' || /[\s:]/.test(user)) {
    console.error('usage: npm run auth:hash-password -- <user>   (a user name without spaces or colons; the password is read from the terminal or stdin)');
    process.exit(2);
  }
  const password = await readPassword(`password for ${user}: `);
  if (password.length < 8) {
    console.error('the password must have at least 8 characters');
    process.exit(2);
  }
  console.log(`${user}:${await hashPassword(password)}`);
};

void main();
