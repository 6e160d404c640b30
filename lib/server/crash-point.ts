// A test hook, and nothing else: with SPANSCOPE_CRASH_AT=<step>, start-up kills its own process
// group (the server and the PostgreSQL it spawned; only the server if it leads no group) with
// SIGKILL when it reaches that step, as an OOM kill or a power cut would. The lifecycle test
// (lifecycle.int.test.ts) kills each step of a first start this way and requires the next start
// to be clean. `during` kills in the middle of the step: as soon as it holds (polled every 10 ms)
// once the step has begun. (A fixed delay missed it: on a quiet machine initdb finished inside
// the second the kill waited, the next start found a whole cluster, and the test's next step
// was never reached.)
export const crashPoint = (step: string, during?: () => boolean): void => {
  if (process.env.SPANSCOPE_CRASH_AT !== step) return;
  const kill = () => {
    try {
      process.kill(-process.pid, 'SIGKILL');
    } catch {
      process.kill(process.pid, 'SIGKILL');
    }
  };
  if (!during) return kill();
  const poll = setInterval(() => {
    if (during()) {
      clearInterval(poll);
      kill();
    }
  }, 10);
};
