import type { AttributeValueCount } from '@/lib/store/read/compare-attribute-values';

// The attribute values most over-represented in a selection against the rest: the share of the
// selected spans carrying the value minus the share of the other spans carrying it, largest first
// (HyperDX's event deltas, Grafana Drilldown's comparison). Both percentages are kept, so "100 %
// of the slow ones, 3 % of the rest" reads as it is.

export type Difference = { key: string; value: string; selectedPct: number; restPct: number; selected: number; rest: number };

export const rankDifferences = (values: AttributeValueCount[], selectedSpans: number, restSpans: number, limit = 20): Difference[] =>
  values
    .filter((v) => v.selected > 0)
    .map((v) => ({
      key: v.key,
      value: v.value,
      selected: v.selected,
      rest: v.rest,
      selectedPct: selectedSpans === 0 ? 0 : (100 * v.selected) / selectedSpans,
      restPct: restSpans === 0 ? 0 : (100 * v.rest) / restSpans,
    }))
    .filter((d) => d.selectedPct > d.restPct)
    .sort((a, b) => b.selectedPct - b.restPct - (a.selectedPct - a.restPct) || b.selected - a.selected || a.key.localeCompare(b.key) || a.value.localeCompare(b.value))
    .slice(0, limit);
