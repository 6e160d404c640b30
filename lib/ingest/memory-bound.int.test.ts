import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runFatLoad } from '@/lib/test/fat-ingest-load';
import { startTestServer, type TestServer } from '@/lib/test/test-server';

// Memory is bounded by bytes, not spans: fat requests from many clients at once (1 MiB attribute
// values, ~19 MiB per request) keep the server under 512 MiB resident, the clients that did not
// fit are told 503 + Retry-After and retry, and every span that was acknowledged is stored.
// Without the budget 32 such clients took the process to 2.3 GiB and 64 to 4.1 GiB; 16 clients
// (304 MiB of bodies, 2.4 times the default budget) show the bound in half the time, and
// `npm run bench:memory` measures the 32- and 64-client loads.

const MiB = 1024 * 1024;
const RSS_BOUND = 512 * MiB;

let server: TestServer;
beforeAll(async () => {
  // the default INGEST_MEMORY_BYTES; bodies up to 20 MiB as in production
  server = await startTestServer({ env: { INGEST_MAX_BODY_BYTES: String(20 * MiB) } });
});
afterAll(async () => server?.stop());

const storedSpans = async (server: TestServer, service: string): Promise<number> => {
  const db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query(
      'SELECT count(*)::int AS n FROM spans s JOIN services v ON v.id = s.service_id WHERE v.name = $1',
      [service],
    );
    return rows[0].n;
  } finally {
    await db.end();
  }
};

describe('ingest memory bound', () => {
  test('16 clients of ~19 MiB requests: RSS stays under 512 MiB, every acknowledged span is stored', { timeout: 900_000 }, async () => {
    const service = `fat-${Date.now()}`;
    const result = await runFatLoad({
      otlpUrl: server.otlpUrl,
      pid: server.pid,
      clients: 16,
      requestsPerClient: 1,
      shape: { service, spans: 19, attributeChars: MiB },
    });
    console.log(`16 × 19 MiB: peak RSS ${(result.peakRssBytes / MiB).toFixed(0)} MiB, ${result.refusals} 503s retried, ${result.connectionErrors} closed connections retried, ${result.seconds.toFixed(1)} s`);
    expect(result.acknowledgedSpans).toBe(16 * 19);
    expect(result.peakRssBytes).toBeLessThan(RSS_BOUND);
    expect(await storedSpans(server, service)).toBe(result.acknowledgedSpans);
  });

  // Many small spans leave little live data but a fast-growing heap: V8 with its default heap
  // limit let it grow far beyond what is live (590-690 MiB); the server runs with the heap limit
  // of `npm start` (--max-old-space-size, the README's Memory section), which keeps it near what
  // is live.
  test('48 clients of 5,000-span requests: the same bound', { timeout: 900_000 }, async () => {
    // a server of its own, so the fat requests' heap does not start this load
    const fresh = await startTestServer({ env: { INGEST_MAX_BODY_BYTES: String(20 * MiB) } });
    try {
      await manySmallSpans(fresh);
    } finally {
      await fresh.stop();
    }
  });
});

const manySmallSpans = async (server: TestServer) => {
  const service = `many-${Date.now()}`;
  const result = await runFatLoad({
    otlpUrl: server.otlpUrl,
    pid: server.pid,
    clients: 48,
    requestsPerClient: 1,
    shape: { service, spans: 5_000, attributeChars: 0 },
  });
  console.log(`48 × 5,000 spans: peak RSS ${(result.peakRssBytes / MiB).toFixed(0)} MiB, ${result.refusals} 503s retried, ${result.connectionErrors} closed connections retried, ${result.seconds.toFixed(1)} s`);
  expect(result.peakRssBytes).toBeLessThan(RSS_BOUND);
  expect(await storedSpans(server, service)).toBe(result.acknowledgedSpans);
};
