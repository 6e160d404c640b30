// A test hook, and nothing else: with SPANSCOPE_CRASH_AT=<step>, start-up kills its own process
// group (the server and the PostgreSQL it spawned; only the server if it leads no group) with
// SIGKILL when it reaches that step, as an OOM kill or a power cut would. The lifecycle test
// (lifecycle.int.test.ts) kills each step of a first start this way and requires the next start
// to be clean. `delayMs` kills that long after the step began (in the middle of it).
export const crashPoint = (step: string, delayMs = 0): void => {
  if (process.env.SPANSCOPE_CRASH_AT !== step) return;
  const kill = () => {
    try {
      process.kill(-process.pid, 'SIGKILL');
    } catch {
      process.kill(process.pid, 'SIGKILL');
    }
  };
  if (delayMs === 0) kill();
  else setTimeout(kill, delayMs);
};
