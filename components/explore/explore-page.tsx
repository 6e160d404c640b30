'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useRef, useState } from 'react';
import { FetchError } from '@/lib/client/fetch-json';
import { useAggregate, type TAggregateGroup } from '@/lib/client/analytics-queries';
import { addDurationRange, durationRangeOf, splitDurationRange } from '@/lib/view/explore/add-duration-range';
import { CHART_METRICS, EXPLORE_RANGES, exploreWindow, parseExploreState, toExploreParams, type ExploreRange, type ExploreState } from '@/lib/view/explore/explore-state';
import { formatDurationUs } from '@/lib/view/format/format-duration';
import { TraceqlBox } from '@/components/search/traceql-box';
import { DifferencesPanel } from './differences-panel';
import { DurationHistogram } from './duration-histogram';
import { GroupsTable } from './groups-table';
import { searchHref } from './search-href';
import { SeriesChart } from './series-chart';

const KEY_SUGGESTIONS = ['service', 'name', 'kind', 'status', 'statusMessage', 'span.http.route', 'span.http.request.method', 'span.http.response.status_code', 'span.db.system', 'resource.deployment.environment'];
const CHART_LABELS = { count: 'Spans', errorCount: 'Errors', p95Ns: 'p95 latency' } as const;

/** Up to three group keys and the window; keyed by the URL's keys, so back and forward refill it. */
function GroupByForm({ state, push }: { state: ExploreState; push: (next: Partial<ExploreState>) => void }) {
  const [keys, setKeys] = useState<string[]>(() => [...state.groupBy, '', '', ''].slice(0, 3));
  return (
    <form className="flex flex-wrap items-end gap-2" data-testid="group-by-form"
      onSubmit={(e) => { e.preventDefault(); push({ groupBy: keys.map((k) => k.trim()).filter((k) => k !== '') }); }}>
      {keys.map((k, i) => (
        <label key={i} className="flex flex-col text-xs text-slate-600">
          Group by {i + 1}
          <input list="group-keys" value={k} onChange={(e) => setKeys(keys.map((x, j) => (j === i ? e.target.value : x)))} data-testid={`group-by-${i}`}
            placeholder={i === 0 ? 'service' : 'optional'} className="mt-0.5 w-48 rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm" />
        </label>
      ))}
      <datalist id="group-keys">{KEY_SUGGESTIONS.map((k) => <option key={k} value={k} />)}</datalist>
      <button type="submit" data-testid="group-by-apply" className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">Group</button>
      <label className="ml-auto flex flex-col text-xs text-slate-600">
        Window
        <select value={state.startMs !== undefined ? 'custom' : state.range} data-testid="explore-range"
          onChange={(e) => e.target.value !== 'custom' && push({ range: e.target.value as ExploreRange, startMs: undefined, endMs: undefined })}
          className="mt-0.5 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
          {Object.keys(EXPLORE_RANGES).map((r) => <option key={r} value={r}>Last {r}</option>)}
          {state.startMs !== undefined && <option value="custom">Custom</option>}
        </select>
      </label>
    </form>
  );
}

/** The explore page: span counts, errors and latency of the spans matching a filter, grouped by up to three keys. */
export function ExplorePage() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const search = params.toString();
  const state = useMemo(() => parseExploreState(new URLSearchParams(search)), [search]);
  // a relative range is resolved when the question changes (window, filter, keys), not when the
  // table's sort or the chart's metric does, so those neither refetch nor move the window
  const asked = `${state.range}|${state.startMs}|${state.endMs}|${state.q}|${state.groupBy.join(',')}`;
  const window = useMemo(() => exploreWindow(parseExploreState(new URLSearchParams(search)), Date.now()), [asked]);
  // the latest state for callbacks kept by memoized charts
  const latest = useRef(state);
  latest.current = state;
  const push = useCallback(
    (next: Partial<ExploreState>) => router.push(`${pathname}?${toExploreParams({ ...latest.current, ...next }).toString()}`, { scroll: false }),
    [router, pathname],
  );
  const answer = useAggregate({ filter: state.q, groupBy: state.groupBy, ...window });
  const error = answer.error instanceof FetchError ? answer.error : answer.error ? { message: String(answer.error), param: undefined } : undefined;
  const brushed = durationRangeOf(state.q);
  const split = splitDurationRange(state.q);
  const comparison =
    state.compare === 'range' && split ? { filter: split.base, selection: split.selection, label: 'the brushed range' }
    : state.compare === 'errors' ? { filter: state.q, selection: '{ status = error }', label: 'the errors' }
    : undefined;

  const groupHref = (g: TAggregateGroup, startMs = window.startMs, endMs = window.endMs) => searchHref(g.searchQuery, startMs, endMs);
  // the charts re-render only when their data or metric changes, not on a sort of the table
  const data = answer.data;
  const histogram = useMemo(
    () => data && (
      <DurationHistogram key={JSON.stringify(data.histogram.map((b) => b.lowNs))} buckets={data.histogram}
        onBrush={(lo, hi) => { const q = addDurationRange(latest.current.q, lo, hi); if (q !== undefined) push({ q }); }} />
    ),
    [data, push],
  );
  const series = useMemo(
    () => data && (
      <SeriesChart answer={data} metric={state.chart}
        onPoint={(g, t) => router.push(searchHref(g.searchQuery, t, t + Number(BigInt(data.stepNs) / 1_000_000n)))} />
    ),
    [data, state.chart, router],
  );

  return (
    <div className="mx-auto max-w-screen-xl space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Explore</h1>
        <p className="mt-1 text-sm text-slate-600">
          Spans matching a filter, grouped by up to three keys, the {answer.data?.groupLimit ?? 100} largest groups. Service, operation, kind and status are read from per-minute rollups; any other key or filter term from raw spans, over at most 6 hours.
        </p>
      </div>

      <TraceqlBox key={state.q} query={state.q} onRun={(q) => push({ q })} searching={answer.isFetching}
        serverError={error?.param === 'filter' ? { message: error.message } : undefined} />

      <GroupByForm key={state.groupBy.join(',')} state={state} push={push} />

      {error && error.param !== 'filter' && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="explore-error">{error.message}</p>
      )}

      {answer.data && (
        <>
          <section className="rounded-lg border border-slate-200 bg-white p-3">
            <div className="mb-2 flex flex-wrap items-baseline gap-2">
              <h2 className="text-sm font-semibold">Duration</h2>
              {(brushed.lowNs !== undefined || brushed.highNs !== undefined) && (
                <span className="text-xs text-slate-600" data-testid="brushed-range">
                  filtered to {brushed.lowNs !== undefined ? formatDurationUs(Number(brushed.lowNs) / 1000) : '0'} – {brushed.highNs !== undefined ? formatDurationUs(Number(brushed.highNs) / 1000) : '∞'}
                </span>
              )}
            </div>
            {histogram}
          </section>

          <section className="rounded-lg border border-slate-200 bg-white p-3">
            <div className="mb-2 flex flex-wrap items-center gap-2">
              <h2 className="text-sm font-semibold">Over time</h2>
              <div className="ml-auto flex overflow-hidden rounded-md border border-slate-300 text-xs" role="group" aria-label="Chart metric">
                {CHART_METRICS.map((m) => (
                  <button key={m} type="button" aria-pressed={state.chart === m} onClick={() => push({ chart: m })} data-testid={`chart-${m}`}
                    className="border-l border-slate-200 px-2 py-1 first:border-l-0 aria-pressed:bg-slate-800 aria-pressed:text-white">{CHART_LABELS[m]}</button>
                ))}
              </div>
            </div>
            {series}
          </section>

          <section className="rounded-lg border border-slate-200 bg-white p-3" data-testid="compare-section">
            <div className="mb-2 flex flex-wrap items-center gap-2">
              <h2 className="text-sm font-semibold">What is different</h2>
              <div className="flex overflow-hidden rounded-md border border-slate-300 text-xs" role="group" aria-label="Compare">
                <button type="button" aria-pressed={state.compare === 'range'} disabled={!split} onClick={() => push({ compare: state.compare === 'range' ? undefined : 'range' })}
                  data-testid="compare-range" title={split ? undefined : 'Brush a duration range on the histogram first'}
                  className="px-2 py-1 disabled:text-slate-500 aria-pressed:bg-slate-800 aria-pressed:text-white">The brushed range</button>
                <button type="button" aria-pressed={state.compare === 'errors'} onClick={() => push({ compare: state.compare === 'errors' ? undefined : 'errors' })}
                  data-testid="compare-errors" className="border-l border-slate-200 px-2 py-1 aria-pressed:bg-slate-800 aria-pressed:text-white">The errors</button>
              </div>
            </div>
            {comparison ? (
              <DifferencesPanel request={{ filter: comparison.filter, selection: comparison.selection, ...window }} label={comparison.label} />
            ) : (
              <p className="text-xs text-slate-600">Pick a selection: the attribute values most over-represented in it against the rest of the matching spans, with both percentages.</p>
            )}
          </section>

          <section className="rounded-lg border border-slate-200 bg-white p-3">
            <p className="mb-2 text-xs text-slate-600" data-testid="groups-note">
              {answer.data.totalGroups > answer.data.groups.length
                ? `The ${answer.data.groups.length} largest of ${answer.data.totalGroups} groups.`
                : `${answer.data.groups.length} group${answer.data.groups.length === 1 ? '' : 's'}.`}{' '}
              Click a group to see its traces.
            </p>
            <GroupsTable groups={answer.data.groups} groupBy={answer.data.groupBy} widthMs={window.endMs - window.startMs} sort={state.sort} dir={state.dir}
              onSort={(c) => push({ sort: c, dir: state.sort === c && state.dir === 'desc' ? 'asc' : 'desc' })} hrefOf={(g) => groupHref(g)} />
          </section>
        </>
      )}
    </div>
  );
}
