import { runFatLoad, type FatRequestShape } from '@/lib/test/fat-ingest-load';
import { startTestServer } from '@/lib/test/test-server';

// `npm run bench:memory [-- --unbounded]`: the ingest loads of the memory-bound issue against a
// fresh server, printing the server's peak RSS under each: 32 and 64 clients of ~19 MiB requests
// (1 MiB attribute values) and 48 clients of 5,000-span requests. `--unbounded` sets
// INGEST_MEMORY_BYTES so high that the budget never refuses, which is how the process behaved
// before it existed. Prints figures; asserts nothing (lib/ingest/memory-bound.int.test.ts does).

const MiB = 1024 * 1024;
const unbounded = process.argv.includes('--unbounded');

const LOADS: { name: string; clients: number; shape: (service: string) => FatRequestShape }[] = [
  { name: '32 clients × ~19 MiB (1 MiB attribute values)', clients: 32, shape: (service) => ({ service, spans: 19, attributeChars: MiB }) },
  { name: '64 clients × ~19 MiB (1 MiB attribute values)', clients: 64, shape: (service) => ({ service, spans: 19, attributeChars: MiB }) },
  { name: '48 clients × 5,000 spans', clients: 48, shape: (service) => ({ service, spans: 5_000, attributeChars: 0 }) },
];

const main = async () => {
  const env: Record<string, string> = { INGEST_MAX_BODY_BYTES: String(20 * MiB), LOG_LEVEL: 'warn' };
  if (unbounded) env.INGEST_MEMORY_BYTES = String(1024 * 1024 * MiB);
  console.log(`[bench:memory] INGEST_MEMORY_BYTES ${unbounded ? 'unbounded' : 'default'}`);
  for (const load of LOADS) {
    // one server per load, so one load's heap does not start the next one's
    const server = await startTestServer({ env });
    try {
      const result = await runFatLoad({ otlpUrl: server.otlpUrl, pid: server.pid, clients: load.clients, requestsPerClient: 1, shape: load.shape(`bench-${Date.now()}`) });
      console.log(
        `[bench:memory] ${load.name}: peak RSS ${(result.peakRssBytes / MiB).toFixed(0)} MiB, ` +
          `${result.acknowledgedSpans.toLocaleString()} spans acknowledged, ${result.refusals} 503s retried, ${result.connectionErrors} closed connections retried, ${result.seconds.toFixed(1)} s`,
      );
    } finally {
      await server.stop();
    }
  }
};

void main();
