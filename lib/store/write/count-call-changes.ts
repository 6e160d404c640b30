import { HOUR_NS } from '@/lib/model/units';
import type { TraceSummaryRow } from './summarize-span-facts';

// The changes a batch makes to the service calls of its traces' summaries, per hour of each
// trace's start: what table call_rollups holds (see its migration). A summary written for the
// first time adds its calls; a rewritten one takes its old calls away at the old start's hour and
// adds the new ones at the new start's (an earlier span can move a trace's start to another
// hour). A retried batch rewrites a summary unchanged, so its changes cancel and nothing is written.

/** Net change in calls, by `${hourNs}|${parentId}|${childId}`. */
export type CallChanges = Map<string, number>;

/** Adds (sign 1) or takes away (sign -1) the calls of a summary row. */
export const countCalls = (changes: CallChanges, row: TraceSummaryRow, sign: 1 | -1): void => {
  const n = row.callCounts.length;
  if (n === 0) return;
  const hour = row.startNs - (row.startNs % HOUR_NS);
  for (let i = 0; i < n; i++) {
    const key = `${hour}|${row.callParentIds[i]}|${row.callChildIds[i]}`;
    changes.set(key, (changes.get(key) ?? 0) + sign * row.callCounts[i]);
  }
};

/** The non-zero changes as parallel columns (hour as text, parent, child, count) for an INSERT … unnest. */
export const callChangeColumns = (changes: CallChanges): [string[], number[], number[], number[]] => {
  const hours: string[] = [];
  const parents: number[] = [];
  const children: number[] = [];
  const counts: number[] = [];
  for (const [key, n] of changes) {
    if (n === 0) continue;
    const [hour, parent, child] = key.split('|');
    hours.push(hour);
    parents.push(Number(parent));
    children.push(Number(child));
    counts.push(n);
  }
  return [hours, parents, children, counts];
};
