import type { Trace } from './trace-model';

// Rows of the flame graph (an icicle: roots on top, children on the rows below their parent).
// Siblings that overlap in time must not share a row, so each child's subtree is placed as a
// block (its time extent × the rows it needs) on the first rows below the parent where it meets
// no earlier sibling's block; siblings that follow one another share a row. Roots are placed the
// same way on the top rows. Linear in spans for traces whose siblings mostly follow one another;
// a fan-out of k concurrent siblings costs k rows and O(k × rows) placement.

export type FlameLayout = {
  /** row of each span, by span index (0 = top) */
  row: Int32Array;
  rowCount: number;
  /** the span indexes on each row, by start time */
  rows: Int32Array[];
};

/** Places the blocks (extent start/end, height) on the first rows where none overlaps an earlier one; returns each block's row offset. */
const placeBlocks = (blocks: number[], start: Float64Array, end: Float64Array, height: Int32Array, offsets: Int32Array, base: number) => {
  blocks.sort((x, y) => start[x] - start[y] || end[x] - end[y]);
  const rowEnd: number[] = []; // per row: the latest end of a block placed on it
  let used = 0;
  for (const b of blocks) {
    const h = height[b];
    let y = 0;
    for (;;) {
      let clash = -1;
      for (let r = y; r < y + h && r < rowEnd.length; r++) if (rowEnd[r] > start[b]) clash = r;
      if (clash < 0) break;
      y = clash + 1;
    }
    for (let r = y; r < y + h; r++) rowEnd[r] = Math.max(rowEnd[r] ?? -Infinity, end[b]);
    offsets[b] = base + y;
    used = Math.max(used, y + h);
  }
  return used;
};

/** The flame graph rows of a trace (spans in pre-order, as buildTrace makes them). */
export const flameLayout = (trace: Trace): FlameLayout => {
  const spans = trace.spans;
  const n = spans.length;
  const start = new Float64Array(n); // the subtree's time extent
  const end = new Float64Array(n);
  const height = new Int32Array(n); // rows the subtree needs
  const offset = new Int32Array(n); // row below the parent's (roots: from the top)
  // children come after their parent in pre-order, so one backward pass sees every subtree finished
  for (let i = n - 1; i >= 0; i--) {
    const s = spans[i];
    let lo = s.startUs;
    let hi = s.startUs + s.durationUs;
    for (const c of s.children) {
      if (start[c] < lo) lo = start[c];
      if (end[c] > hi) hi = end[c];
    }
    start[i] = lo;
    end[i] = hi;
    height[i] = 1 + (s.children.length === 0 ? 0 : placeBlocks([...s.children], start, end, height, offset, 1));
  }
  const roots: number[] = [];
  for (let i = 0; i < n; i++) if (spans[i].parentIndex < 0) roots.push(i);
  const rowCount = placeBlocks(roots, start, end, height, offset, 0);

  const row = new Int32Array(n);
  const counts = new Int32Array(rowCount);
  for (let i = 0; i < n; i++) {
    const p = spans[i].parentIndex;
    row[i] = (p >= 0 ? row[p] : 0) + offset[i];
    counts[row[i]]++;
  }
  const rows = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(rowCount);
  for (let i = 0; i < n; i++) rows[row[i]][fill[row[i]]++] = i;
  for (const r of rows) r.sort((x, y) => spans[x].startUs - spans[y].startUs);
  return { row, rowCount, rows };
};

/** The span at time `us` on row `r` (the last one starting at or before it that is still running), or -1. */
export const flameSpanAt = (trace: Trace, layout: FlameLayout, r: number, us: number, slackUs = 0): number => {
  const list = layout.rows[r];
  if (!list) return -1;
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (trace.spans[list[mid]].startUs <= us + slackUs) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let k = found; k >= 0 && k >= found - 8; k--) {
    const s = trace.spans[list[k]];
    if (s.startUs <= us + slackUs && s.startUs + s.durationUs >= us - slackUs) return list[k];
  }
  return -1;
};
