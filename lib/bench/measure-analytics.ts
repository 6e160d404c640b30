import http from 'node:http';
import { startTestServer } from '@/lib/test/test-server';
import { generateTraffic } from './generate-traffic';

// `npm run bench:analytics [-- --spans 300000 --hours 3 --runs 20]`: the span analytics APIs
// (/api/ui/aggregate, its compare, /api/ui/exceptions) over raw spans, at a given density: the
// generator's traffic spread over `hours` back from now is ingested through OTLP/protobuf, then
// each query is timed `runs` times. Printed, never asserted (the machine is shared): this is
// how dense a window the raw reads stand, before any rollup exists. 10M spans over the bench's
// 2 days is ~208,000 spans an hour; the default here is 100,000 an hour.

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const SPANS = Number(args.get('spans') ?? 300_000);
const HOURS = Number(args.get('hours') ?? 3);
const RUNS = Number(args.get('runs') ?? 20);
const log = (m: string) => console.log(`[bench:analytics] ${m}`);

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const post = (url: string, body: Uint8Array) =>
  new Promise<number>((resolve, reject) => {
    const { hostname, port, pathname } = new URL(url);
    const req = http.request({ host: hostname, port, path: pathname, method: 'POST', agent, headers: { 'content-type': 'application/x-protobuf', 'content-length': body.length } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });

const main = async () => {
  const traffic = generateTraffic({ spans: SPANS, spansPerRequest: 512, days: HOURS / 24 });
  const server = await startTestServer({ env: { QUERY_TIMEOUT_MS: '30000' } });
  try {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = next++; i < traffic.requests.length; i = next++) {
          while ((await post(`${server.otlpUrl}/v1/traces`, traffic.requests[i])) === 503) await new Promise((r) => setTimeout(r, 100));
        }
      }),
    );
    log(`ingested ${SPANS.toLocaleString()} spans over ${HOURS} h (${Math.round(SPANS / HOURS).toLocaleString()} an hour) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const nowNs = BigInt(Date.now()) * 1_000_000n;
    const hourNs = 3_600_000_000_000n;
    const window = (hours: bigint) => `start=${nowNs - hours * hourNs}&end=${nowNs}`;
    const queries: [string, string][] = [
      ['explore: grouped by span.http.route, 1 h', `/api/ui/aggregate?groupBy=span.http.route&${window(1n)}`],
      ['explore: grouped by service, name, status, 1 h', `/api/ui/aggregate?groupBy=service,name,status&${window(1n)}`],
      ['explore: errors of one route grouped by service, 1 h', `/api/ui/aggregate?filter=${encodeURIComponent('{ span.http.route = "/api/orders" && status = error }')}&groupBy=service&${window(1n)}`],
      ['explore: grouped by span.http.route, 3 h', `/api/ui/aggregate?groupBy=span.http.route&${window(3n)}`],
      ['what is different: errors vs the rest, 1 h', `/api/ui/aggregate/compare?selection=${encodeURIComponent('{ status = error }')}&${window(1n)}`],
      ['exceptions, 3 h', `/api/ui/exceptions?${window(3n)}`],
    ];
    for (const [name, path] of queries) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        const res = await fetch(`${server.baseUrl}${path}`);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${name} answered ${res.status}`);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const q = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))]);
      log(`${name}: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms (${RUNS} runs)`);
    }
  } finally {
    await server.stop();
    agent.destroy();
  }
};

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
