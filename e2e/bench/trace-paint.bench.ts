import http from 'node:http';
import { chromium } from 'playwright-core';
import { startTestServer } from '@/lib/test/test-server';
import { makeLargeTrace, randomTraceId, toOtlpRequest } from '@/e2e/support/otlp-trace';
import { ingestServiceMesh, SERVICES } from './service-mesh-traces';

// Time to first timeline paint for large traces (npm run bench:ui; needs `npm run build`).
// Ingests 10,000- and 100,000-span traces through POST /v1/traces into a fresh server, opens
// /trace/{id} in Debian's Chromium and reads the `spanscope:timeline-first-rows` mark that the
// timeline sets in the task after the frame that first shows rows; performance marks count from
// navigation start. Also prints the trace payload's size and fetch time, compact UI endpoint vs
// the Jaeger JSON one. Then the same for the flame graph (/trace/{id}?view=flame): the time to its
// first drawn frame (`spanscope:flame-first-paint`) from navigation start, and from the trace
// being built (its layout and first draw). Set BENCH_BASE_URL to measure a running server instead.
//
// Then the services page over a fresh store of 150,000 spans over 25 services (BENCH_MESH_TRACES
// traces of 30 spans, service-mesh-traces.ts): the time from navigation start to its first cards
// (`spanscope:services-first-content`, set after the frame that shows them), to all 25 cards,
// and the longest main-thread task of the visit (Chromium's PerformanceObserver 'longtask',
// observed from before the page's first script), with the page scrolled to its end so every
// lazy chart is drawn too. BENCH_PARTS=traces or =services runs one half.

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MARK = 'spanscope:timeline-first-rows';
const FLAME_MARK = 'spanscope:flame-first-paint';

const PARTS = (process.env.BENCH_PARTS ?? 'traces,services').split(',');
const MESH_TRACES = Number(process.env.BENCH_MESH_TRACES ?? 5000);
const SERVICES_MARK = 'spanscope:services-first-content';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const ingest = async (baseUrl: string, traceId: string, count: number) => {
  const spans = makeLargeTrace(count);
  for (let i = 0; i < spans.length; i += 2000) {
    const res = await fetch(`${baseUrl}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(toOtlpRequest(traceId, spans.slice(i, i + 2000))),
    });
    if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
  }
};

// bytes as they travel (fetch() would count them decompressed), asking as Chromium asks
const timeFetch = (url: string, acceptEncoding = 'gzip, deflate, br, zstd') =>
  new Promise<{ ms: number; bytes: number; encoding: string }>((resolve, reject) => {
    const t0 = performance.now();
    http.get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ ms: performance.now() - t0, bytes, encoding: res.headers['content-encoding'] ?? 'identity' }));
    }).on('error', reject);
  });

type Browser = Awaited<ReturnType<typeof chromium.launch>>;

const measureServicesPage = async (browser: Browser, baseUrl: string) => {
  const t0 = performance.now();
  const spans = await ingestServiceMesh(baseUrl, MESH_TRACES);
  console.log(`services page: ${spans.toLocaleString('en')} spans over ${SERVICES} services ingested in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const firsts: number[] = [];
  const longest: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // before any script of the page: every long task of the visit, its first script included
    await page.addInitScript(() => {
      const w = window as unknown as { longTasks: { start: number; duration: number }[] };
      w.longTasks = [];
      new PerformanceObserver((list) => w.longTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration })))).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${baseUrl}/services?window=1h`);
    await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, SERVICES_MARK, { timeout: 300_000, polling: 50 });
    const first = await page.evaluate((m) => performance.getEntriesByName(m)[0].startTime, SERVICES_MARK);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="service-card"]').length >= n, SERVICES, { timeout: 300_000, polling: 50 });
    const allCards = await page.evaluate(() => performance.now());
    const graph = page.getByRole('group', { name: 'Service dependency graph' }).or(page.getByTestId('dependencies-error')).or(page.getByTestId('dependencies-empty'));
    await graph.waitFor({ timeout: 300_000 });
    const graphState = (await graph.getAttribute('data-testid')) ?? 'drawn';
    const graphAt = await page.evaluate(() => performance.now());
    const graphError = graphState === 'dependencies-error' ? ` (${await graph.innerText()})` : '';
    // down the page a screen at a time, as a reader scrolls, so every chart is drawn
    for (let y = 0; y < (await page.evaluate(() => document.body.scrollHeight)); y += 700) {
      await page.mouse.wheel(0, 700);
      await page.waitForTimeout(150);
    }
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="service-chart-pending"]').length === 0, undefined, { timeout: 60_000, polling: 100 });
    await page.waitForTimeout(500);
    const tasks = await page.evaluate(() => (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks);
    const phases = await page.evaluate(() => {
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const metrics = resources.find((r) => r.name.includes('/api/ui/service-metrics'));
      const deps = resources.find((r) => r.name.includes('/api/dependencies'));
      // one request when the page's preload is reused by its fetch
      const metricsRequests = resources.filter((r) => r.name.includes('/api/ui/service-metrics')).length;
      return { metricsRequests, metricsRequest: metrics?.requestStart ?? NaN, metricsAnswered: metrics?.responseEnd ?? NaN, metricsWireBytes: metrics?.encodedBodySize ?? NaN, dependenciesAnswered: deps?.responseEnd ?? NaN };
    });
    const max = Math.max(0, ...tasks.map((t) => t.duration));
    const worst = [...tasks].sort((a, b) => b.duration - a.duration).slice(0, 3).map((t) => `${t.duration.toFixed(0)} ms at ${t.start.toFixed(0)}`).join(', ');
    firsts.push(first);
    longest.push(max);
    console.log(`  run ${run + 1}: first content ${first.toFixed(0)} ms, all ${SERVICES} cards ${allCards.toFixed(0)} ms after navigation start; ` +
      `graph ${graphState}${graphError} at ${graphAt.toFixed(0)} ms; longest main-thread task ${max.toFixed(0)} ms (${tasks.length} over 50 ms, ${tasks.filter((t) => t.duration > 200).length} over 200 ms; longest: ${worst}); ` +
      `${Object.entries(phases).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
    await page.close();
  }
  console.log(`  => services page (${spans.toLocaleString('en')} spans, ${SERVICES} services): median first content ${median(firsts).toFixed(0)} ms, median longest task ${median(longest).toFixed(0)} ms, worst ${Math.max(...longest).toFixed(0)} ms over ${RUNS} runs`);
};

const main = async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  try {
    if (PARTS.includes('traces')) await measureTraces(browser);
    if (PARTS.includes('services')) {
      // a store of its own: the traces above would add 110,000 spans to it. The query timeout is
      // raised (BENCH_QUERY_TIMEOUT_MS) so the graph is drawn and its cost measured even when the
      // dependency query, on a loaded machine, takes longer than the default 5 s
      const server = process.env.BENCH_BASE_URL ? undefined : await startTestServer({ env: { QUERY_TIMEOUT_MS: process.env.BENCH_QUERY_TIMEOUT_MS ?? '60000' } });
      try {
        await measureServicesPage(browser, process.env.BENCH_BASE_URL ?? server!.baseUrl);
      } finally {
        await server?.stop();
      }
    }
  } finally {
    await browser.close();
  }
};

const measureTraces = async (browser: Browser) => {
  const server = process.env.BENCH_BASE_URL ? undefined : await startTestServer();
  const baseUrl = process.env.BENCH_BASE_URL ?? server!.baseUrl;
  try {
    for (const size of SIZES) {
      const traceId = randomTraceId();
      const t0 = performance.now();
      await ingest(baseUrl, traceId, size);
      console.log(`${size} spans: ingested in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const ui = await timeFetch(`${baseUrl}/api/ui/traces/${traceId}`);
      const uiPlain = await timeFetch(`${baseUrl}/api/ui/traces/${traceId}`, 'identity');
      const jaeger = await timeFetch(`${baseUrl}/api/traces/${traceId}`);
      const mb = (f: { bytes: number }) => `${(f.bytes / 1e6).toFixed(2)} MB`;
      console.log(`  on the wire: compact ${mb(ui)} ${ui.encoding} in ${ui.ms.toFixed(0)} ms (${mb(uiPlain)} uncompressed in ${uiPlain.ms.toFixed(0)} ms); Jaeger JSON ${mb(jaeger)} ${jaeger.encoding} in ${jaeger.ms.toFixed(0)} ms`);
      const paints: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        await page.goto(`${baseUrl}/trace/${traceId}`);
        await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, MARK, { timeout: 300_000, polling: 50 });
        const ms = await page.evaluate((m) => performance.getEntriesByName(m)[0].startTime, MARK);
        // no named inner functions here: tsx would wrap them in a __name() the page does not have
        const phases = await page.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          const apis = performance.getEntriesByType('resource').filter((r) => r.name.includes('/api/ui/traces/') && !r.name.endsWith('/links')) as PerformanceResourceTiming[];
          const api = apis[apis.length - 1];
          return {
            html: nav.responseEnd,
            domContentLoaded: nav.domContentLoadedEventEnd,
            apiRequests: apis.length,
            apiWireBytes: api?.encodedBodySize ?? NaN,
            apiRequest: api?.requestStart ?? NaN,
            apiResponse: api?.responseEnd ?? NaN,
            fetched: performance.getEntriesByName('spanscope:trace-fetched')[0]?.startTime ?? NaN,
            built: performance.getEntriesByName('spanscope:trace-built')[0]?.startTime ?? NaN,
          };
        });
        console.log(`         phases (ms from navigation start): ${Object.entries(phases).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
        const rows = await page.getByTestId('span-row').count();
        paints.push(ms);
        console.log(`  run ${run + 1}: first timeline paint ${ms.toFixed(0)} ms after navigation start (${rows} rows in the DOM)`);
        await page.close();
      }
      console.log(`  => ${size} spans: median time to first timeline paint ${median(paints).toFixed(0)} ms over ${RUNS} runs`);
      const flames: number[] = [];
      const flameDraws: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        await page.goto(`${baseUrl}/trace/${traceId}?view=flame`);
        await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, FLAME_MARK, { timeout: 300_000, polling: 50 });
        const [painted, built] = await page.evaluate(
          (m) => [performance.getEntriesByName(m)[0].startTime, performance.getEntriesByName('spanscope:trace-built')[0]?.startTime ?? NaN],
          FLAME_MARK,
        );
        flames.push(painted);
        flameDraws.push(painted - built);
        console.log(`  run ${run + 1}: flame graph first paint ${painted.toFixed(0)} ms after navigation start, ${(painted - built).toFixed(0)} ms after the trace was built (layout + draw)`);
        await page.close();
      }
      console.log(`  => ${size} spans: median time to first flame graph paint ${median(flames).toFixed(0)} ms (layout + draw ${median(flameDraws).toFixed(0)} ms) over ${RUNS} runs`);
    }
  } finally {
    await server?.stop();
  }
};

await main();
