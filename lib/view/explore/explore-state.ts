// The explore page's state, kept in the URL: the filter (`q`), up to three group keys
// (`groupBy`, comma-separated), the window (`range`, a lookback; or `start`/`end` in unix ms), the
// table's sort column and direction, the chart's metric, and what "what is different" compares.

export const EXPLORE_RANGES = { '15m': 15 * 60_000, '30m': 30 * 60_000, '1h': 3_600_000, '3h': 3 * 3_600_000, '6h': 6 * 3_600_000 } as const;
export type ExploreRange = keyof typeof EXPLORE_RANGES;
export const CHART_METRICS = ['count', 'errorCount', 'p95Ns'] as const;
export type ChartMetric = (typeof CHART_METRICS)[number];

export type ExploreState = {
  q: string;
  groupBy: string[];
  range: ExploreRange;
  /** an absolute window in unix ms (both or neither), which wins over `range` */
  startMs?: number;
  endMs?: number;
  sort: string;
  dir: 'asc' | 'desc';
  chart: ChartMetric;
  /** "what is different": about the brushed duration range, or about the errors */
  compare?: 'range' | 'errors';
};

export const DEFAULT_EXPLORE_STATE: ExploreState = { q: '', groupBy: ['service'], range: '1h', sort: 'count', dir: 'desc', chart: 'count' };

const isRange = (s: string | null): s is ExploreRange => s !== null && s in EXPLORE_RANGES;
const ms = (s: string | null) => (s !== null && /^\d{1,15}$/.test(s) ? Number(s) : undefined);

export const parseExploreState = (p: URLSearchParams): ExploreState => {
  const startMs = ms(p.get('start'));
  const endMs = ms(p.get('end'));
  const chart = p.get('chart');
  return {
    q: p.get('q') ?? '',
    groupBy: p.has('groupBy') ? (p.get('groupBy') ?? '').split(',').map((k) => k.trim()).filter((k) => k !== '').slice(0, 3) : DEFAULT_EXPLORE_STATE.groupBy,
    range: isRange(p.get('range')) ? (p.get('range') as ExploreRange) : DEFAULT_EXPLORE_STATE.range,
    ...(startMs !== undefined && endMs !== undefined && startMs < endMs && { startMs, endMs }),
    sort: p.get('sort') || DEFAULT_EXPLORE_STATE.sort,
    dir: p.get('dir') === 'asc' ? 'asc' : 'desc',
    ...((p.get('compare') === 'range' || p.get('compare') === 'errors') && { compare: p.get('compare') as 'range' | 'errors' }),
    chart: (CHART_METRICS as readonly string[]).includes(chart ?? '') ? (chart as ChartMetric) : DEFAULT_EXPLORE_STATE.chart,
  };
};

export const toExploreParams = (s: ExploreState): URLSearchParams => {
  const p = new URLSearchParams();
  if (s.q.trim() !== '') p.set('q', s.q.trim());
  p.set('groupBy', s.groupBy.join(','));
  if (s.startMs !== undefined && s.endMs !== undefined) {
    p.set('start', String(s.startMs));
    p.set('end', String(s.endMs));
  } else p.set('range', s.range);
  if (s.sort !== DEFAULT_EXPLORE_STATE.sort) p.set('sort', s.sort);
  if (s.dir !== DEFAULT_EXPLORE_STATE.dir) p.set('dir', s.dir);
  if (s.chart !== DEFAULT_EXPLORE_STATE.chart) p.set('chart', s.chart);
  if (s.compare) p.set('compare', s.compare);
  return p;
};

/** The window in unix ms the state names, as of `nowMs`. */
export const exploreWindow = (s: ExploreState, nowMs: number): { startMs: number; endMs: number } =>
  s.startMs !== undefined && s.endMs !== undefined ? { startMs: s.startMs, endMs: s.endMs } : { startMs: nowMs - EXPLORE_RANGES[s.range], endMs: nowMs };
