import type { CompareAnswer, CompareNode } from '@/lib/api/pages/compare-answer';

// The compare table's rows from the API's nodes (already ordered biggest change first): what
// happened to each path, and the changes in µs for display.

export type CompareStatus = 'only-a' | 'only-b' | 'slower' | 'faster' | 'changed' | 'same';

export type CompareRow = {
  node: CompareNode;
  status: CompareStatus;
  /** B total − A total, µs (a missing side counts as 0) */
  deltaUs: number;
  /** B self − A self, µs */
  selfDeltaUs: number;
};

export type CompareFilter = 'all' | 'changed' | 'only-a' | 'only-b';

const us = (ns: string | undefined) => (ns === undefined ? 0 : Number(ns) / 1000);

const statusOf = (n: CompareNode): CompareStatus => {
  if (!n.b) return 'only-a';
  if (!n.a) return 'only-b';
  const delta = BigInt(n.b.totalNs) - BigInt(n.a.totalNs);
  if (delta > 0n) return 'slower';
  if (delta < 0n) return 'faster';
  return n.a.count !== n.b.count || n.a.selfNs !== n.b.selfNs ? 'changed' : 'same';
};

export const compareRows = (answer: CompareAnswer): CompareRow[] =>
  answer.nodes.map((node) => ({
    node,
    status: statusOf(node),
    deltaUs: us(node.b?.totalNs) - us(node.a?.totalNs),
    selfDeltaUs: us(node.b?.selfNs) - us(node.a?.selfNs),
  }));

/** Rows kept by a filter: `changed` is every row that is not the same on both sides. */
export const filterCompareRows = (rows: CompareRow[], filter: CompareFilter): CompareRow[] =>
  filter === 'all' ? rows : filter === 'changed' ? rows.filter((r) => r.status !== 'same') : rows.filter((r) => r.status === filter);

/** How many rows of each kind, for the summary line. */
export const countCompareRows = (rows: CompareRow[]) => ({
  onlyA: rows.filter((r) => r.status === 'only-a').length,
  onlyB: rows.filter((r) => r.status === 'only-b').length,
  changed: rows.filter((r) => r.status === 'slower' || r.status === 'faster' || r.status === 'changed').length,
  same: rows.filter((r) => r.status === 'same').length,
});
