import { describe, expect, it } from 'vitest';
import { addToSummary, oneCopyOfEachSpan, summarizeSpanFacts, type SpanFacts } from './summarize-span-facts';

const fact = (spanId: string, parentSpanId: string, startNs: bigint, extra: Partial<SpanFacts> = {}): SpanFacts => ({
  spanId, parentSpanId, startNs, endNs: startNs + 10n, serviceId: 1, operationId: 1, statusCode: 0, kind: 1, ...extra,
});

describe('summarizeSpanFacts', () => {
  it('counts spans, errors, entry spans and orphans, per service too', () => {
    const row = summarizeSpanFacts('t', 7, [
      fact('a', '', 100n, { kind: 2 }),
      fact('b', 'a', 110n, { serviceId: 2, statusCode: 2, kind: 5, endNs: 500n }),
      fact('c', 'x', 90n, { serviceId: 2 }),
    ]);
    expect(row).toMatchObject({
      day: 7, startNs: 90n, lastStartNs: 110n, endNs: 500n, spanCount: 3, errorCount: 1, entrySpanCount: 2, orphanSpanCount: 1,
      rootSpanId: 'a', rootRule: 1, serviceIds: [1, 2], serviceSpanCounts: [1, 2], serviceErrorCounts: [0, 1], exact: true,
    });
  });

  it('keeps one copy of a span id: the earliest, then the shortest, then by service and operation', () => {
    expect(oneCopyOfEachSpan('t', [fact('a', '', 2n), fact('a', '', 1n), fact('b', 'a', 3n)]).map((f) => f.startNs)).toEqual([1n, 3n]);
    const copies = [fact('a', '', 1n, { serviceId: 9 }), fact('a', '', 1n, { serviceId: 4 })];
    expect(oneCopyOfEachSpan('t', copies)).toEqual([copies[1]]);
    expect(oneCopyOfEachSpan('t', copies.reverse())).toEqual([copies[0]]);
  });
});

describe('addToSummary (a trace too large to read back)', () => {
  it('adds counts, widens the times, and marks the row inexact', () => {
    const stored = summarizeSpanFacts('t', 7, [fact('b', 'a', 100n)]);
    const added = summarizeSpanFacts('t', 7, [fact('a', '', 50n, { serviceId: 3, statusCode: 2 })]);
    expect(addToSummary(stored, added)).toMatchObject({
      startNs: 50n, spanCount: 2, errorCount: 1, rootSpanId: 'a', rootRule: 1, serviceIds: [1, 3], serviceSpanCounts: [1, 1], exact: false,
    });
  });

  it('keeps a parentless root over an earlier span that has a parent', () => {
    const stored = summarizeSpanFacts('t', 7, [fact('a', '', 100n)]);
    const added = summarizeSpanFacts('t', 7, [fact('z', 'q', 10n)]);
    expect(addToSummary(stored, added)).toMatchObject({ rootSpanId: 'a', rootRule: 1 });
  });
});

describe('the calls between services (the dependency graph)', () => {
  it('counts a call per span whose parent belongs to another service, none within a service or to a missing parent', () => {
    const row = summarizeSpanFacts('t', 7, [
      fact('a', '', 100n, { serviceId: 5 }),
      fact('b', 'a', 110n, { serviceId: 2 }),
      fact('c', 'a', 120n, { serviceId: 2 }),
      fact('d', 'b', 130n, { serviceId: 2 }),
      fact('e', 'b', 140n, { serviceId: 9 }),
      fact('f', 'gone', 150n, { serviceId: 9 }),
    ]);
    expect(row).toMatchObject({ callParentIds: [2, 5], callChildIds: [9, 2], callCounts: [1, 2] });
  });

  it("a shared span is one call from the client to the server; the server's own children are no call", () => {
    const root = fact('r', '', 100n, { kind: 2 });
    const client = fact('x', 'r', 110n, { kind: 3 });
    const server = fact('x', 'r', 120n, { kind: 2, serviceId: 2 });
    const serverChild = fact('q', 'x', 130n, { serviceId: 2 });
    const clientChild = fact('w', 'x', 130n, { serviceId: 3 });
    const row = summarizeSpanFacts('t', 7, oneCopyOfEachSpan('t', [root, client, server, serverChild, clientChild]));
    expect(row).toMatchObject({ callParentIds: [1, 1], callChildIds: [2, 3], callCounts: [1, 1] });
  });

  it('adds calls when a summary grows without its spans read back', () => {
    const stored = summarizeSpanFacts('t', 7, [fact('a', '', 100n), fact('b', 'a', 110n, { serviceId: 2 })]);
    const added = summarizeSpanFacts('t', 7, [fact('c', '', 100n), fact('d', 'c', 110n, { serviceId: 2 }), fact('e', 'd', 120n, { serviceId: 4 })]);
    expect(addToSummary(stored, added)).toMatchObject({ callParentIds: [1, 2], callChildIds: [2, 4], callCounts: [2, 1] });
  });
});

describe('shared client/server spans in the summary', () => {
  it('counts both halves, one root, no orphan, whichever arrived first', () => {
    const client = fact('x', 'r', 110n, { kind: 3 });
    const server = fact('x', 'r', 120n, { kind: 2, serviceId: 2 });
    const child = fact('q', 'x', 130n, { kind: 3, serviceId: 2 });
    const root = fact('r', '', 100n, { kind: 2 });
    for (const spans of [[root, client, server, child], [child, server, root, client]]) {
      expect(summarizeSpanFacts('t', 7, oneCopyOfEachSpan('t', spans))).toMatchObject({
        spanCount: 4, orphanSpanCount: 0, rootSpanId: 'r', rootRule: 1, entrySpanCount: 2, serviceIds: [1, 2], serviceSpanCounts: [2, 2],
      });
    }
  });
});
