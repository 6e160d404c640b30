import { once } from 'node:events';
import http from 'node:http';
import { createReadStream, createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { startCitusCluster, type CitusCluster } from '@/lib/test/citus-cluster';
import { startTestServer } from '@/lib/test/test-server';
import { sampleRss } from '@/lib/test/fat-ingest-load';
import { MS_PER_DAY } from '@/lib/model/units';
import { compactRollups } from '@/lib/store/compact-rollups';
import { DAY_TABLES } from '@/lib/store/partitions';
import { generateTraffic } from './generate-traffic';

// `npm run bench [-- --spans 1000000]`: realistic OTLP protobuf traffic through the real ingest
// endpoint with concurrent clients until every span is stored (acknowledged = committed), then
// the same rows through a bare COPY into a same-shaped scratch table (the ceiling), query
// latencies through the HTTP API at that stored size (Jaeger searches, and sorted searches over
// every match with their totals and deep pages), bytes per span on disk (trace summaries
// included), ingest throughput alone and with heavy queries running beside it, and the time to
// drop one day while ingest runs. Prints a table and writes lib/bench/results/<spans>.{json,md}.
//
// Against another database: TEST_DATABASE_URL=postgres://… (a fresh database is made there, see
// lib/test/target-database.ts), or `--citus 1` to start a local Citus cluster (a coordinator and 2
// workers, lib/test/citus-cluster.ts) for the run; results then go to <spans>-citus-<N>shards.{json,md} (`--shards N`, default 4).

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const SPANS = Number(args.get('spans') ?? 10_000_000);
// 16 exporters sending at once (tens of services each run one); 4 gave ~15% less in 500k-span runs
const CONCURRENCY = Number(args.get('concurrency') ?? 16);
const SPANS_PER_REQUEST = Number(args.get('batch') ?? 512); // the OTel SDK BatchSpanProcessor default
const DAYS = Number(args.get('days') ?? 2);
const QUERY_RUNS = Number(args.get('runs') ?? 300);
const CITUS = args.get('citus') === '1' || args.get('citus') === 'true';

const log = (m: string) => console.log(`[bench] ${m}`);
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const ms = (n: number) => Math.round(n * 10) / 10;

// The clients send as the OpenTelemetry Node exporters do, with node:http over keep-alive
// connections: fetch (undici) cost ~4x the client CPU per request (measured with /proc
// utime+stime), and here the clients share the server's 2 cores.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** POSTs an OTLP/protobuf body; resolves with the status once the response has been read. */
const postProtobuf = (url: string, body: Uint8Array) =>
  new Promise<number>((resolve, reject) => {
    const { hostname, port, pathname } = new URL(url);
    const req = http.request(
      { host: hostname, port, path: pathname, method: 'POST', agent, headers: { 'content-type': 'application/x-protobuf', 'content-length': body.length } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });

/** api_v3 search parameters: a service (or none) and a window ending now. */
const summaryParams = (service: string | undefined, windowMs: number) =>
  new URLSearchParams({
    ...(service !== undefined && { 'query.serviceName': service }),
    'query.startTimeMin': new Date(Date.now() - windowMs).toISOString(),
    'query.startTimeMax': new Date().toISOString(),
  }).toString();

const main = async () => {
  log(`generating ${SPANS.toLocaleString()} spans in requests of ${SPANS_PER_REQUEST} (${DAYS} days of traffic)…`);
  let t = performance.now();
  const traffic = generateTraffic({ spans: SPANS, spansPerRequest: SPANS_PER_REQUEST, days: DAYS });
  log(`generated ${traffic.requests.length} requests, ${(traffic.rawBytes / 1e6).toFixed(0)} MB protobuf, in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  let cluster: CitusCluster | undefined;
  if (CITUS) {
    cluster = await startCitusCluster({ log });
    process.env.TEST_DATABASE_URL = cluster.adminUrl;
    if (args.get('shards')) process.env.CITUS_SHARD_COUNT = args.get('shards');
  }
  // --profile DIR: the server writes a V8 CPU profile there when it stops
  const profile = args.get('profile');
  const server = await startTestServer({
    env: { LOG_LEVEL: 'warn', RETENTION_DAYS: '30' },
    nodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
  });
  const db = new pg.Client({ connectionString: server.adminUrl }); // CHECKPOINT needs the superuser
  db.on('error', () => {}); // PostgreSQL stopping at the end must not hide the error that stopped the run
  await db.connect();
  const citus = (await db.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)).rowCount === 1;
  // on Citus the partitions on the coordinator are empty: sizes are the shards' on the workers
  const relationSize = citus ? 'citus_total_relation_size' : 'pg_total_relation_size';
  const results: Record<string, unknown> = {
    spans: traffic.spans,
    requests: traffic.requests.length,
    concurrency: CONCURRENCY,
    spansPerRequest: SPANS_PER_REQUEST,
    ...(citus && { citus: { workers: cluster?.workers.length, shards: Number(process.env.CITUS_SHARD_COUNT ?? 4) } }),
  };
  try {
    // ── ingest ──
    log(`ingesting with ${CONCURRENCY} concurrent clients…`);
    let next = 0;
    let retries = 0;
    const latencies: number[] = [];
    t = performance.now();
    let lastReport = t;
    const rss = sampleRss(server.pid);
    const client = async () => {
      for (;;) {
        const i = next++;
        if (i >= traffic.requests.length) return;
        for (;;) {
          const started = performance.now();
          const status = await postProtobuf(`${server.otlpUrl}/v1/traces`, traffic.requests[i]);
          if (status === 200) {
            latencies.push(performance.now() - started);
            break;
          }
          if (status !== 503) throw new Error(`ingest answered ${status}`);
          retries++;
          await new Promise((r) => setTimeout(r, 100));
        }
        if (performance.now() - lastReport > 10_000) {
          lastReport = performance.now();
          log(`  ${((i * SPANS_PER_REQUEST) / 1e6).toFixed(2)}M spans, ${Math.round((i * SPANS_PER_REQUEST) / ((lastReport - t) / 1000)).toLocaleString()} spans/s`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, client));
    const peakRssMiB = Math.round(rss.stop() / 1024 / 1024);
    const ingestSeconds = (performance.now() - t) / 1000;
    const ingestRate = traffic.spans / ingestSeconds;
    latencies.sort((a, b) => a - b);
    results.ingest = {
      seconds: ms(ingestSeconds),
      spansPerSecond: Math.round(ingestRate),
      requestP50Ms: ms(quantile(latencies, 0.5)),
      requestP99Ms: ms(quantile(latencies, 0.99)),
      retriedRequests: retries,
      peakRssMiB,
    };
    const { rows: countRows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM spans');
    if (Number(countRows[0].n) !== traffic.spans) throw new Error(`stored ${countRows[0].n} spans, sent ${traffic.spans}`);
    log(`ingest: ${traffic.spans.toLocaleString()} spans in ${ingestSeconds.toFixed(1)} s = ${Math.round(ingestRate).toLocaleString()} spans/s (all stored); server peak RSS ${peakRssMiB} MiB`);

    // ── bytes per span ──
    await db.query('VACUUM ANALYZE spans');
    await db.query('VACUUM ANALYZE trace_summaries');
    // the write-back of everything ingest (and VACUUM's hint bits) dirtied happens here, not
    // during the query measurements below
    await db.query('CHECKPOINT');
    const { rows: sizeRows } = await db.query<{ bytes: string }>(
      `SELECT sum(${relationSize}(inhrelid)) AS bytes FROM pg_inherits WHERE inhparent IN ('spans'::regclass, 'trace_summaries'::regclass)`,
    );
    const bytesPerSpan = Number(sizeRows[0].bytes) / traffic.spans;
    const { rows: summaryRows } = await db.query<{ bytes: string; traces: string }>(
      `SELECT (SELECT sum(${relationSize}(inhrelid)) FROM pg_inherits WHERE inhparent = 'trace_summaries'::regclass) AS bytes,
              (SELECT count(*) FROM trace_summaries) AS traces`,
    );
    const summaryBytesPerSpan = Number(summaryRows[0].bytes) / traffic.spans;
    results.storage = {
      totalMB: Math.round(Number(sizeRows[0].bytes) / 1e6),
      bytesPerSpan: Math.round(bytesPerSpan),
      summaryBytesPerSpan: Math.round(summaryBytesPerSpan * 10) / 10,
      traces: Number(summaryRows[0].traces),
    };
    log(`storage: ${Math.round(bytesPerSpan)} bytes/span (${(Number(sizeRows[0].bytes) / 1e6).toFixed(0)} MB with indexes), of which trace summaries ${summaryBytesPerSpan.toFixed(1)} (${Number(summaryRows[0].traces).toLocaleString()} traces)`);

    // ── the rollups' compaction catching up (the server's own pass runs every 30 s) ──
    if (!citus) {
      t = performance.now();
      let passes = 0;
      for (;;) {
        const pass = await compactRollups({ db, nowNs: BigInt(Date.now()) * 1_000_000n });
        passes++;
        if (pass.skipped) await new Promise((r) => setTimeout(r, 200));
        else if (pass.hours === 0 && pass.minutes === 0) break;
      }
      const { rows: rollupRows } = await db.query<{ rows: string; bytes: string }>(
        `SELECT (SELECT count(*) FROM span_rollups) AS rows,
                (SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent IN ('span_rollups'::regclass, 'exception_rollups'::regclass)) AS bytes`,
      );
      await db.query('VACUUM ANALYZE span_rollups');
      await db.query('VACUUM ANALYZE exception_rollups');
      // the compaction rewrote about a million rows: their write-back too before the queries
      // (without it, trace by id measured p95 33-50 ms at 10M against 12 ms in session 4)
      await db.query('CHECKPOINT');
      results.rollups = {
        compactionSeconds: ms((performance.now() - t) / 1000),
        passes,
        rows: Number(rollupRows[0].rows),
        bytesPerSpan: Math.round((Number(rollupRows[0].bytes) / traffic.spans) * 10) / 10,
      };
      log(`rollups: compacted in ${ms((performance.now() - t) / 1000)} s (${passes} passes), ${Number(rollupRows[0].rows).toLocaleString()} rows, ${(Number(rollupRows[0].bytes) / traffic.spans).toFixed(1)} bytes/span`);
    }

    // ── queries through the HTTP API ──
    const random = (list: readonly string[] | readonly [string, string][]) => list[Math.floor(Math.random() * list.length)];
    const nowUs = Date.now() * 1000;
    const hourUs = 3_600_000_000;
    const traceQL = (q: string) => `/api/ui/search?${new URLSearchParams({ q, lookback: '1h', limit: '20' })}`;
    const queries: [string, () => string][] = [
      ['trace by id', () => `/api/traces/${random(traffic.traceIds)}`],
      ['search: service, last hour', () => `/api/traces?service=${random(traffic.services)}&start=${nowUs - hourUs}&end=${nowUs}&limit=20`],
      [
        'search: service + operation + minDuration, last hour',
        () => {
          const [s, o] = random(traffic.operations) as [string, string];
          return `/api/traces?service=${s}&operation=${encodeURIComponent(o)}&minDuration=100ms&start=${nowUs - hourUs}&end=${nowUs}&limit=20`;
        },
      ],
      [
        'search: service + attribute (user.id), whole range',
        () => `/api/traces?service=${random(traffic.services)}&tags=${encodeURIComponent(JSON.stringify({ 'user.id': random(traffic.userIds) }))}&start=${nowUs - DAYS * 24 * hourUs}&end=${nowUs}&limit=20`,
      ],
      [
        'search: attribute (user.id), no service, whole range (v3)',
        () =>
          `/api/v3/trace-summaries?query.attributes=${encodeURIComponent(JSON.stringify({ 'user.id': random(traffic.userIds) }))}` +
          `&query.startTimeMin=${new Date(Date.now() - DAYS * MS_PER_DAY).toISOString()}&query.startTimeMax=${new Date().toISOString()}&query.searchDepth=20`,
      ],
      ['service list', () => '/api/services'],
      // suggestions for the attributes box: the latest 2,000 spans of a service, across every shard on Citus
      ['attribute key suggestions of a service (UI)', () => `/api/ui/attributes?service=${random(traffic.services)}`],
      ['service metrics, last hour (UI)', () => '/api/ui/service-metrics?window=1h'],
      ['dependencies, last hour', () => `/api/dependencies?endTs=${Math.floor(nowUs / 1000)}&lookback=3600000`],
      // the spans of other traces that link into a trace: spans_links_gin on every day partition
      ['incoming links of a trace (UI links API)', () => `/api/ui/traces/${random(traffic.linkedTraceIds)}/links`],
      [
        'sorted: 20 longest traces of one service, 6-hour window (v3)',
        () => `/api/v3/trace-summaries?${summaryParams(random(traffic.services) as string, 6 * 3_600_000)}&query.orderBy=duration_desc&query.searchDepth=20`,
      ],
      [
        'sorted: 20 longest traces of the whole store, no service (v3)',
        () => `/api/v3/trace-summaries?${summaryParams(undefined, (DAYS + 1) * MS_PER_DAY)}&query.orderBy=duration_desc&query.searchDepth=20`,
      ],
      [
        'total count: traces of one service, whole store (v3, 1 per page)',
        () => `/api/v3/trace-summaries?${summaryParams(random(traffic.services) as string, (DAYS + 1) * MS_PER_DAY)}&query.searchDepth=1`,
      ],
      // the filter engine (TraceQL through the search page's API), one-hour window
      [
        'TraceQL: one service + attribute regex, last hour',
        () => traceQL(`{ resource.service.name = "${random(traffic.services)}" && span.http.route =~ "/api/(orders|users)/.*" }`),
      ],
      ['TraceQL: structural, service >> db span, last hour', () => traceQL(`{ resource.service.name = "${random(traffic.services)}" } >> { span.db.system = "postgresql" }`)],
      ['TraceQL: aggregate, { } | count() > 20, last hour', () => traceQL('{ } | count() > 20')],
      // the analytics pages: the services page and exceptions read the rollups, explore by an attribute raw spans
      ['services page, 24 hours (UI)', () => '/api/ui/service-metrics?window=1d'],
      ['services page, 7 days (UI)', () => '/api/ui/service-metrics?window=7d'],
      ['explore: grouped by span.http.route, last hour (raw spans)', () => `/api/ui/aggregate?groupBy=span.http.route&start=${BigInt(nowUs - hourUs) * 1000n}&end=${BigInt(nowUs) * 1000n}`],
      ['explore: grouped by service, name, status, 24 hours (rollups)', () => `/api/ui/aggregate?groupBy=service,name,status&start=${BigInt(nowUs - 24 * hourUs) * 1000n}&end=${BigInt(nowUs) * 1000n}`],
      ['exceptions, 24 hours (UI)', () => '/api/ui/exceptions'],
    ];
    // the incoming-link lookup must find the links, not just answer fast
    const linksRes = await fetch(`${server.baseUrl}/api/ui/traces/${traffic.linkedTraceIds[0]}/links`);
    const links = (await linksRes.json()) as { incoming?: unknown[] };
    if (linksRes.status !== 200 || !links.incoming?.length) throw new Error(`the links API found no incoming link of ${traffic.linkedTraceIds[0]} (${linksRes.status})`);
    const queryResults: Record<string, { p50: number; p95: number; p99: number }> = {};
    for (const [name, make] of queries) {
      const times: number[] = [];
      for (let i = 0; i < QUERY_RUNS; i++) {
        const started = performance.now();
        const res = await fetch(`${server.baseUrl}${make()}`);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${name} answered ${res.status}`);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      queryResults[name] = { p50: ms(quantile(times, 0.5)), p95: ms(quantile(times, 0.95)), p99: ms(quantile(times, 0.99)) };
      log(`query ${name}: p50 ${queryResults[name].p50} ms, p95 ${queryResults[name].p95} ms, p99 ${queryResults[name].p99} ms`);
    }
    results.queries = queryResults;

    // page 10 against page 1 of the same sorted search: keyset paging costs the same at any depth
    const pageTimes: number[][] = Array.from({ length: 10 }, () => []);
    for (let run = 0; run < Math.max(20, Math.round(QUERY_RUNS / 6)); run++) {
      const base = `/api/v3/trace-summaries?${summaryParams(random(traffic.services) as string, 6 * 3_600_000)}&query.orderBy=duration_desc&query.searchDepth=20`;
      let token = '';
      for (let page = 0; page < 10; page++) {
        const started = performance.now();
        const res = await fetch(`${server.baseUrl}${base}${token ? `&query.pageToken=${token}` : ''}`);
        const body = (await res.json()) as { nextPageToken: string };
        if (res.status !== 200) throw new Error(`sorted paging answered ${res.status} on page ${page + 1}`);
        pageTimes[page].push(performance.now() - started);
        if (!body.nextPageToken) break; // a small run: this service has fewer than 10 pages in the window
        token = body.nextPageToken;
      }
    }
    const p95Of = (times: number[]) => (times.length === 0 ? Number.NaN : ms(quantile([...times].sort((a, b) => a - b), 0.95)));
    results.paging = { page1P95: p95Of(pageTimes[0]), page10P95: p95Of(pageTimes[9]), ratio: Math.round((p95Of(pageTimes[9]) / p95Of(pageTimes[0])) * 100) / 100 };
    log(`sorted paging, one service, 6 hours: page 1 p95 ${p95Of(pageTimes[0])} ms, page 10 p95 ${p95Of(pageTimes[9])} ms`);

    // ── ingest alone, then with heavy queries running beside it (they must not starve it) ──
    // the same requests sent again (stored again as retried copies): both phases pay the same
    const phaseMs = Number(args.get('phase-seconds') ?? 20) * 1000;
    let sentIndex = 0;
    const ingestFor = async (ms: number) => {
      let spans = 0;
      const end = performance.now() + ms;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (performance.now() < end) {
            const status = await postProtobuf(`${server.otlpUrl}/v1/traces`, traffic.requests[sentIndex++ % traffic.requests.length]);
            if (status === 200) spans += SPANS_PER_REQUEST;
            else await new Promise((r) => setTimeout(r, 100)); // 503: back off as exporters do
          }
        }),
      );
      return Math.round(spans / (ms / 1000));
    };
    // alone before and after the loaded phase, averaged: the store grows through the phases (by
    // more than itself in a small run), and ingest slows as it grows, which a plain before/after
    // would count against the queries
    const aloneBefore = await ingestFor(phaseMs / 2);
    const heavy = [
      `/api/dependencies?endTs=${Date.now()}&lookback=${30 * MS_PER_DAY}`,
      `/api/dependencies?endTs=${Date.now()}&lookback=${30 * MS_PER_DAY}`,
      '/api/ui/service-metrics?window=7d',
      '/api/ui/service-metrics?window=7d',
    ];
    const answered = new Map<number, number>();
    let loading = true;
    const loaders = heavy.map(async (url) => {
      while (loading) {
        const res = await fetch(`${server.baseUrl}${url}`).catch(() => undefined);
        await res?.arrayBuffer();
        answered.set(res?.status ?? 0, (answered.get(res?.status ?? 0) ?? 0) + 1);
      }
    });
    const loaded = await ingestFor(phaseMs);
    loading = false;
    await Promise.all(loaders);
    const aloneAfter = await ingestFor(phaseMs / 2);
    const alone = Math.round((aloneBefore + aloneAfter) / 2);
    const answers = Object.fromEntries([...answered].sort(([a], [b]) => a - b));
    results.ingestUnderQueries = { aloneSpansPerSecond: alone, aloneBefore, aloneAfter, withHeavyQueriesSpansPerSecond: loaded, kept: Math.round((loaded / alone) * 100) / 100, heavyQueryAnswers: answers, phaseSeconds: phaseMs / 1000 };
    log(`ingest alone ${alone.toLocaleString()} spans/s (${aloneBefore.toLocaleString()} before, ${aloneAfter.toLocaleString()} after); with 4 concurrent heavy queries (30-day dependencies, 7-day service metrics) ${loaded.toLocaleString()} spans/s = ${Math.round((loaded / alone) * 100)}% kept; heavy queries answered ${JSON.stringify(answers)}`);

    // ── the ceiling: the same rows, bare COPY (2 streams, as the writer uses 2) into a same-shaped table ──
    const dir = path.join(tmpdir(), `spanscope-bench-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const files = [path.join(dir, 'a.copy'), path.join(dir, 'b.copy')];
    for (const [i, file] of files.entries()) {
      const out = createWriteStream(file);
      await pipeline(db.query(copyTo(`COPY (SELECT * FROM spans WHERE abs(hashtext(span_id::text)) % 2 = ${i}) TO STDOUT`)), out);
    }
    await db.query('DROP TABLE IF EXISTS bench_copy_ceiling');
    await db.query('CREATE TABLE bench_copy_ceiling (LIKE spans INCLUDING ALL)');
    const { rows: idx } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM pg_indexes WHERE tablename = 'bench_copy_ceiling'`);
    t = performance.now();
    await Promise.all(
      files.map(async (file) => {
        const c = new pg.Client({ connectionString: server.adminUrl }); // the table is the superuser's
        await c.connect();
        await pipeline(createReadStream(file), c.query(copyFrom('COPY bench_copy_ceiling FROM STDIN')));
        await c.end();
      }),
    );
    const copySeconds = (performance.now() - t) / 1000;
    const copyRate = traffic.spans / copySeconds;
    await db.query('DROP TABLE bench_copy_ceiling');
    rmSync(dir, { recursive: true, force: true });
    results.copyCeiling = { seconds: ms(copySeconds), spansPerSecond: Math.round(copyRate), indexes: Number(idx[0].n), ratio: Math.round((ingestRate / copyRate) * 100) / 100 };
    log(`bare COPY of the same rows (2 streams, ${idx[0].n} indexes): ${Math.round(copyRate).toLocaleString()} rows/s; ingest is ${(ingestRate / copyRate * 100).toFixed(0)}% of it`);

    // ── drop the oldest day while ingest runs ──
    const { rows: parts } = await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'spans'::regclass ORDER BY c.relname LIMIT 1`,
    );
    const victim = parts[0].name;
    const { rows: victimRows } = await db.query<{ n: string; bytes: string }>(`SELECT count(*) AS n, ${relationSize}('${victim}') AS bytes FROM ${victim}`);
    const victimBytes = Number(victimRows[0].bytes);
    let dropping = true;
    const during: number[] = [];
    const background = (async () => {
      let i = 0;
      while (dropping) {
        const started = performance.now();
        await postProtobuf(`${server.otlpUrl}/v1/traces`, traffic.requests[i++ % traffic.requests.length]);
        during.push(performance.now() - started);
      }
    })();
    await new Promise((r) => setTimeout(r, 500));
    t = performance.now();
    // as retention does (lib/store/retention.ts): Citus has no DETACH … CONCURRENTLY
    const concurrently = citus ? '' : ' CONCURRENTLY';
    await db.query(`ALTER TABLE spans DETACH PARTITION ${victim}${concurrently}`);
    const detachMs = performance.now() - t;
    await db.query(`DROP TABLE ${victim}`);
    // and the day's partitions of the other day-partitioned tables: trace summaries, rollups
    for (const table of DAY_TABLES.filter((x) => x !== 'spans')) {
      const part = victim.replace(/^spans_/, `${table}_`);
      await db.query(`ALTER TABLE ${table} DETACH PARTITION ${part}${concurrently}`);
      await db.query(`DROP TABLE ${part}`);
    }
    const dropMs = performance.now() - t;
    await new Promise((r) => setTimeout(r, 500));
    dropping = false;
    await background;
    during.sort((a, b) => a - b);
    results.dropDay = { partition: victim, spans: Number(victimRows[0].n), mb: Math.round(victimBytes / 1e6), ms: Math.round(dropMs), detachMs: Math.round(detachMs), ingestRequestMaxMsDuringDrop: ms(during[during.length - 1] ?? 0), ingestRequestP50MsDuringDrop: ms(quantile(during, 0.5)) };
    log(`dropped ${victim} (${Number(victimRows[0].n).toLocaleString()} spans, ${Math.round(victimBytes / 1e6)} MB) in ${Math.round(dropMs)} ms (detach ${Math.round(detachMs)} ms); ingest requests meanwhile: p50 ${ms(quantile(during, 0.5))} ms, max ${ms(during[during.length - 1] ?? 0)} ms`);
  } finally {
    agent.destroy();
    await db.end();
    await server.stop();
    await cluster?.stop();
  }

  results.machine = { cpus: (await import('node:os')).cpus().length, node: process.version, at: new Date().toISOString() };
  const outDir = path.resolve(import.meta.dirname, 'results');
  mkdirSync(outDir, { recursive: true });
  const name = (SPANS >= 1e6 ? `${SPANS / 1e6}M` : `${SPANS / 1e3}k`) + (citus ? `-citus-${process.env.CITUS_SHARD_COUNT ?? 4}shards` : '');
  writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(path.join(outDir, `${name}.md`), toMarkdown(results));
  console.log('\n' + toMarkdown(results));
};

const toMarkdown = (r: Record<string, any>) => {
  const lines = [
    `# Benchmark: ${r.spans.toLocaleString()} spans (${r.machine?.at ?? ''}, ${r.machine?.cpus} cores, Node ${r.machine?.node})` +
      (r.citus ? ` on Citus: a coordinator and ${r.citus.workers ?? '?'} workers on this one machine, ${r.citus.shards} shards` : ''),
    '',
    '| measure | value |',
    '|---|---|',
    `| ingest, OTLP protobuf over HTTP, ${r.concurrency} clients × ${r.spansPerRequest} spans/request | **${r.ingest.spansPerSecond.toLocaleString()} spans/s** (${r.ingest.seconds} s; request p50 ${r.ingest.requestP50Ms} ms, p99 ${r.ingest.requestP99Ms} ms; ${r.ingest.retriedRequests} retried after 503; server peak RSS ${r.ingest.peakRssMiB ?? '?'} MiB) |`,
    `| bare COPY of the same rows, 2 streams, same table shape (${r.copyCeiling.indexes} indexes) | ${r.copyCeiling.spansPerSecond.toLocaleString()} rows/s |`,
    `| ingest / COPY ceiling | ${r.copyCeiling.ratio} |`,
    `| ingest alone (half before, half after), and with 4 heavy queries looping beside it (30-day dependencies, 7-day service metrics), ${r.ingestUnderQueries.phaseSeconds} s each | ${r.ingestUnderQueries.aloneSpansPerSecond.toLocaleString()} (${r.ingestUnderQueries.aloneBefore?.toLocaleString()} before, ${r.ingestUnderQueries.aloneAfter?.toLocaleString()} after) → ${r.ingestUnderQueries.withHeavyQueriesSpansPerSecond.toLocaleString()} spans/s (**${Math.round(r.ingestUnderQueries.kept * 100)}% kept**); heavy queries answered by status ${JSON.stringify(r.ingestUnderQueries.heavyQueryAnswers)} |`,
    `| on disk (heap + TOAST + indexes) | ${r.storage.bytesPerSpan} bytes/span (${r.storage.totalMB} MB), of which trace summaries ${r.storage.summaryBytesPerSpan} bytes/span (${r.storage.traces?.toLocaleString()} traces) |`,
    ...Object.entries(r.queries as Record<string, { p50: number; p95: number; p99: number }>).map(
      ([name, q]) => `| ${name} (HTTP API) | p50 ${q.p50} ms, p95 ${q.p95} ms, p99 ${q.p99} ms |`,
    ),
    `| sorted paging (20 longest of one service, 6 hours): page 10 against page 1 | p95 ${r.paging.page10P95} ms against ${r.paging.page1P95} ms (${r.paging.ratio}×) |`,
    ...(r.rollups ? [`| rollups after ingest: compaction catching up, rows, on disk | ${r.rollups.compactionSeconds} s (${r.rollups.passes} passes), ${r.rollups.rows.toLocaleString()} rows, ${r.rollups.bytesPerSpan} bytes/span |`] : []),
    `| drop one day (${r.dropDay.partition} and its trace summaries and rollups, ${r.dropDay.spans.toLocaleString()} spans, ${r.dropDay.mb} MB) while ingesting | ${r.dropDay.ms} ms (DETACH${r.citus ? '' : ' CONCURRENTLY'} ${r.dropDay.detachMs} ms, then DROP: freeing the files); ingest requests meanwhile p50 ${r.dropDay.ingestRequestP50MsDuringDrop} ms, max ${r.dropDay.ingestRequestMaxMsDuringDrop} ms |`,
    '',
  ];
  return lines.join('\n');
};

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
