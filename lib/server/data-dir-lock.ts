import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Holds DATA_DIR for this process (DATA_DIR/spanscope.pid); refuses when a live Spanscope
 * process (the server, or `npm run retention` running the embedded PostgreSQL) holds it.
 * Returns the release.
 */
export const lockDataDir = (dataDir: string): (() => void) => {
  const lockFile = path.join(dataDir, 'spanscope.pid');
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    let alive = false;
    try {
      if (pid > 0 && pid !== process.pid) process.kill(pid, 0), (alive = true);
    } catch {}
    if (alive) {
      throw new Error(`another Spanscope (pid ${pid}) is running with DATA_DIR=${dataDir}; stop it, or set DATA_DIR to another folder`);
    }
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
};
