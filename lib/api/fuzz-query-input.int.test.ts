import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '@/lib/test/test-server';

// A seeded fuzz of the read APIs and OTLP/HTTP ingest of the running server: thousands of
// mutated requests (hostile values in every parameter, broken percent-encoding, odd paths,
// mutated JSON bodies), each of which must be answered below 500, in time, by a server that stays
// up. The seed is printed; `FUZZ_SEED=<n>` replays a failing run exactly. It runs against a
// server of its own: its random attribute keys and services would change what other tests of the
// shared server measure (the attribute-key ids grow longer).

let server: TestServer;
let baseUrl = '';
let otlpUrl = '';
beforeAll(async () => {
  server = await startTestServer();
  ({ baseUrl, otlpUrl } = server);
});
afterAll(async () => server?.stop());

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const QUERY_CASES = 3_000;
const INGEST_CASES = 1_000;
const CONCURRENCY = 8;
const REQUEST_TIMEOUT_MS = 15_000;

// mulberry32: small, fast, and the same sequence for the same seed everywhere
const prng = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const ROUTES: [string, string[]][] = [
  ['/api/traces', ['service', 'operation', 'tags', 'tag', 'start', 'end', 'limit', 'minDuration', 'maxDuration', 'lookback', 'traceID', 'prettyPrint']],
  ['/api/services', ['prettyPrint']],
  ['/api/services/{s}/operations', []],
  ['/api/operations', ['service', 'spanKind']],
  ['/api/dependencies', ['endTs', 'lookback', 'service']],
  ['/api/traces/{t}', ['start', 'end']],
  ['/api/v3/traces', ['query.serviceName', 'query.operationName', 'query.attributes', 'query.startTimeMin', 'query.startTimeMax', 'query.searchDepth', 'query.durationMin', 'query.orderBy', 'query.pageToken']],
  ['/api/v3/trace-summaries', ['query.service_name', 'query.start_time_min', 'query.start_time_max', 'query.traceDurationMin', 'query.rootServiceName', 'query.num_traces']],
  ['/api/v3/traces/{t}', ['startTime', 'endTime']],
  ['/api/v3/operations', ['service', 'spanKind']],
  ['/api/ui/search', ['service', 'operation', 'tags', 'lookback', 'start', 'end', 'minDuration', 'traceMaxDuration', 'rootService', 'sort', 'limit', 'tz', 'pageToken']],
  ['/api/ui/attributes', ['service', 'key']],
  ['/api/ui/lookup', ['q']],
  ['/api/ui/compare', ['a', 'b']],
  ['/api/ui/traces/{t}', []],
  ['/api/ui/traces/{t}/stats', ['groupBy']],
  ['/api/ui/traces/{t}/links', []],
  ['/api/ui/service-metrics', ['window']],
  ['/api/sampling', ['service']],
];

const VALUES = [
  '', '0', '-1', '1.5', '9223372036854775807', '9223372036854775808', '-9223372036854775809', '99999999999999999999999',
  '1e308', 'NaN', 'Infinity', 'true', 'null', '{}', '[]', '{"a":"b"}', '{"a":1e999}', '{"\\u0000":"x"}', '{"k":"\\ud800"}',
  "'; drop table spans;--", '%00', '\u0000', '\ud800', '\uffff', 'ü/ö é', 'a%b', '%', '%zz', '%E0%A4%A', '..', '../../etc/passwd',
  '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-02-30T00:00:00Z', '1h', '-5m', '1000000h', 'custom', 'baseline',
  '0123456789abcdef0123456789abcdef', '00000000000000000000000000000000', 'zz', 'x'.repeat(9000), 'k=v '.repeat(40),
];

const randomText = (rand: () => number, length: number) =>
  String.fromCharCode(...Array.from({ length }, () => (rand() < 0.8 ? 32 + Math.floor(rand() * 95) : Math.floor(rand() * 0xffff))));

const pick = <T,>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)];

const value = (rand: () => number): string => {
  const r = rand();
  if (r < 0.6) return pick(rand, VALUES);
  if (r < 0.9) return randomText(rand, 1 + Math.floor(rand() * 40));
  return pick(rand, VALUES) + randomText(rand, 3);
};

// a URL carries UTF-8, which has no lone surrogates: those reach the server through JSON escapes
const enc = (text: string) => encodeURIComponent((text as string & { toWellFormed(): string }).toWellFormed());

// raw: sometimes put into the URL unencoded, so broken percent-encoding reaches the server
const queryCase = (rand: () => number): string => {
  const [template, names] = pick(rand, ROUTES);
  const segment = () => (rand() < 0.5 ? enc(value(rand)) : pick(rand, ['%', '%zz', '%C0%AF', 'a%2Fb', '0123456789abcdef', '..']));
  const path = template.replace('{s}', segment).replace('{t}', segment);
  const params = Array.from({ length: Math.floor(rand() * 5) }, () => {
    const name = rand() < 0.9 && names.length > 0 ? pick(rand, names) : randomText(rand, 5);
    const v = value(rand);
    return `${enc(name)}=${rand() < 0.85 ? enc(v) : (v as string & { toWellFormed(): string }).toWellFormed().replace(/[\s#&]/g, '')}`;
  });
  return params.length > 0 ? `${path}?${params.join('&')}` : path;
};

const ingestCase = (rand: () => number): string => {
  const doc = {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: `fuzz-${value(rand)}` } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: pick(rand, ['0123456789abcdef0123456789abcdef', value(rand)]),
                spanId: pick(rand, ['0123456789abcdef', value(rand)]),
                name: value(rand),
                startTimeUnixNano: pick(rand, [String(BigInt(Date.now()) * 1_000_000n), value(rand)]),
                endTimeUnixNano: pick(rand, [String(BigInt(Date.now()) * 1_000_000n + 1000n), value(rand)]),
                attributes: [{ key: value(rand), value: pick(rand, [{ stringValue: value(rand) }, { intValue: value(rand) }, { arrayValue: value(rand) }]) }],
              },
            ],
          },
        ],
      },
    ],
  };
  const text = JSON.stringify(doc);
  // and sometimes a few bytes of it cut or replaced
  if (rand() < 0.3) {
    const at = Math.floor(rand() * text.length);
    return text.slice(0, at) + randomText(rand, 3) + text.slice(at + 3);
  }
  return text;
};

type Failure = { request: string; outcome: string };

const runAll = async (cases: (() => Promise<Failure | undefined>)[]): Promise<Failure[]> => {
  const failures: Failure[] = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const failure = await cases[next++]();
      if (failure) failures.push(failure);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return failures;
};

const check = async (request: string, send: () => Promise<Response>): Promise<Failure | undefined> => {
  try {
    const res = await send();
    await res.arrayBuffer();
    if (res.status >= 500) return { request, outcome: `status ${res.status}` };
  } catch (err) {
    return { request, outcome: `no answer: ${(err as Error).message} (${String((err as Error).cause ?? '')})` };
  }
  return undefined;
};

test(`fuzz: ${QUERY_CASES} query requests and ${INGEST_CASES} OTLP/JSON bodies, seed ${SEED}, no 5xx, no hang, no crash`, { timeout: 600_000 }, async () => {
  console.log(`[fuzz] seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
  const rand = prng(SEED);
  const queries = Array.from({ length: QUERY_CASES }, () => queryCase(rand));
  const bodies = Array.from({ length: INGEST_CASES }, () => ingestCase(rand));
  const failures = await runAll([
    ...queries.map((path) => () => check(`GET ${path.slice(0, 300)}`, () => fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }))),
    ...bodies.map(
      (body) => () =>
        check(`POST /v1/traces ${body.slice(0, 300)}`, () =>
          fetch(`${otlpUrl}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
        ),
    ),
  ]);
  expect(failures.slice(0, 10), `seed ${SEED}: ${failures.length} failures`).toEqual([]);
  const health = await fetch(`${baseUrl}/api/health`);
  expect(health.status).toBe(200);
});
