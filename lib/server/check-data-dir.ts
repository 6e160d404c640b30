import { accessSync, constants, mkdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// DATA_DIR must be an ordinary, writable directory on a real file system: under /proc, /sys or
// /dev start-up used to hang in initdb without a word. Checked before anything is started, with a
// message that names the variable and what to do.

const PSEUDO_FILE_SYSTEMS = ['/proc', '/sys', '/dev'];

/** Creates DATA_DIR if needed; throws a message naming DATA_DIR unless it is a writable ordinary directory. */
export const checkDataDir = (dataDir: string): void => {
  const wanted = path.resolve(dataDir);
  const refuse = (why: string) => new Error(`DATA_DIR=${dataDir} ${why}: set DATA_DIR to a writable folder on a local disk (default ./data)`);
  const under = (dir: string) => PSEUDO_FILE_SYSTEMS.find((fs) => dir === fs || dir.startsWith(`${fs}/`));
  if (under(wanted)) throw refuse(`is under ${under(wanted)}, a kernel file system that holds no files`);
  try {
    mkdirSync(wanted, { recursive: true });
  } catch (err) {
    throw refuse(`cannot be created (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const real = realpathSync(wanted);
  if (under(real)) throw refuse(`leads to ${real}, under ${under(real)}, a kernel file system that holds no files`);
  if (!statSync(real).isDirectory()) throw refuse('is not a directory');
  try {
    accessSync(real, constants.W_OK | constants.X_OK);
    const probe = path.join(real, `.write-check-${process.pid}`);
    writeFileSync(probe, 'ok');
    rmSync(probe);
  } catch (err) {
    throw refuse(`is not writable by this user (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
};
