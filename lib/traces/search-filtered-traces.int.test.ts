import { beforeAll, describe, expect, inject, it } from 'vitest';
import { filterCases, type FilterCase } from '@/lib/test/filter-cases';
import { fixtureRequests, makeFixture } from '@/lib/test/filter-fixture';
import { postOtlpJson } from '@/lib/test/otlp-json-request';
import { searchFilteredTraces } from './search-filtered-traces';

// The filter engine over one fixture of hand-built traces (lib/test/filter-fixture.ts), sent
// through the real OTLP endpoint: every query of the table (lib/test/filter-cases.ts) returns
// exactly its expected traces. Other tests share the store, so only the fixture's traces are
// compared (the fixture sits alone in a window 20 hours back).

const otlpUrl = inject('otlpUrl');
process.env.DATABASE_URL ??= inject('databaseUrl'); // the use case is also called directly

const fixture = makeFixture();
const startMs = Date.now() - 20 * 3_600_000 - Math.floor(Math.random() * 3_600_000);
const sent = fixtureRequests(fixture.traces, startMs);
const keyOf = new Map([...sent.ids].map(([key, id]) => [id, key]));
const window = { startMinNs: BigInt(startMs - 1_000) * 1_000_000n, startMaxNs: BigInt(startMs + 60_000) * 1_000_000n };
const cases = filterCases(fixture.svc, { trace: (k) => sent.ids.get(k)!, span: (t, s) => sent.spanIds.get(`${t}/${s}`)! });

/** The fixture keys among trace ids, sorted. */
const keysOf = (traceIds: string[]) => traceIds.map((id) => keyOf.get(id)).filter((k) => k !== undefined).sort();
const sorted = (keys: string[]) => [...keys].sort();

beforeAll(async () => {
  for (const request of sent.requests) expect((await postOtlpJson(otlpUrl, request)).status).toBe(200);
});

describe('the executor, given the AST', () => {
  it('has at least 40 queries', () => expect(cases.length).toBeGreaterThanOrEqual(40));

  it.each(cases.map((c) => [c.name, c] as [string, FilterCase]))('%s', async (_, c) => {
    const page = await searchFilteredTraces({ filter: c.ast, ...window, orderBy: 'start_asc', size: 1500, withTotal: true });
    expect(keysOf(page.traces.map((t) => t.summary.traceId))).toEqual(sorted(c.expect));
    expect(page.capped).toBe(false);
    for (const t of page.traces) {
      if (!keyOf.has(t.summary.traceId)) continue;
      expect(t.matchedSpanCount).toBeGreaterThan(0);
      expect(t.spans.length).toBe(Math.min(3, t.matchedSpanCount));
    }
  });
});

describe('answers', () => {
  it('lists matched spans with the selected values, and counts them', async () => {
    const c = cases.find((x) => x.name === 'select() keeps the match')!;
    const page = await searchFilteredTraces({ filter: c.ast, ...window, orderBy: 'start_asc', size: 1500, withTotal: true });
    const slow = page.traces.find((t) => keyOf.get(t.summary.traceId) === 'checkout-slow-failed')!;
    expect(slow.matchedSpanCount).toBe(1);
    expect(slow.spans[0]).toMatchObject({ name: 'charge', service: fixture.svc.pay, spanId: sent.spanIds.get('checkout-slow-failed/b2'), durationNs: 2_300_000_000n });
    expect(slow.spans[0].attributes).toEqual({ 'span.amount': { type: 'double', value: 99.99 } });
    expect(slow.summary.rootOperationName).toBe('POST /checkout');
  });

  it('lists spss spans of many, by start, and the count of all', async () => {
    const c = cases.find((x) => x.name === 'count() > 20')!;
    const page = await searchFilteredTraces({ filter: c.ast, ...window, orderBy: 'start_asc', size: 1500, withTotal: true, spansPerSpanset: 5 });
    const batch = page.traces.find((t) => keyOf.get(t.summary.traceId) === 'batch-25')!;
    expect(batch.matchedSpanCount).toBe(26);
    expect(batch.spans.map((s) => s.spanId)).toEqual(['f0', 'f01', 'f02', 'f03', 'f04'].map((id) => sent.spanIds.get(`batch-25/${id}`)));
  });

  it('sorts and pages over every match with the total', async () => {
    const all = cases.find((x) => x.name === 'everything')!;
    const only = { root: { kind: 'combine', op: '&&', left: all.ast.root, right: { kind: 'spans', where: { kind: 'compare', operand: { kind: 'intrinsic', name: 'service' }, op: '=', value: { type: 'string', value: fixture.svc.shop } } } } } as const;
    const seen: string[] = [];
    let after;
    for (let i = 0; i < 10; i++) {
      const page = await searchFilteredTraces({ filter: only, ...window, orderBy: 'duration_desc', size: 2, withTotal: true, ...(after && { after }) });
      expect(page.total).toEqual({ value: 4, isEstimate: false });
      seen.push(...page.traces.map((t) => keyOf.get(t.summary.traceId)!));
      after = page.next;
      if (!after) break;
    }
    expect(seen).toEqual(['checkout-slow-failed', 'batch-25', 'checkout-ok', 'health-503']);
  });

  it('says when the candidate cap cut the search', async () => {
    const all = cases.find((x) => x.name === 'count() = 1')!;
    const page = await searchFilteredTraces({ filter: all.ast, ...window, orderBy: 'start_asc', size: 10, withTotal: true, candidateSpans: 5 });
    expect(page.capped).toBe(true);
    expect(page.total?.isEstimate).toBe(true);
  });
});
