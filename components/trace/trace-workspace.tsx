import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorPaths } from '@/lib/view/trace/error-paths';
import { withAncestors } from '@/lib/view/trace/find-in-trace';
import { ErrorControls } from './error-controls';
import type { Trace, TraceSpan } from '@/lib/view/trace/trace-model';
import { CompareWith } from './compare-with';
import { CriticalPathSummary } from './critical-path-summary';
import { FlameGraph } from '@/components/trace/flame/flame-graph';
import { IncomingLinksBadge } from './incoming-links-badge';
import { KeyboardHelp } from './keyboard-help';
import { SpanDetailPanel } from '@/components/trace/span-detail/span-detail-panel';
import { SpanMinimap } from './span-minimap';
import { Timeline } from '@/components/trace/timeline/timeline';
import { useTimelineState } from '@/components/trace/timeline/use-timeline-state';
import { TraceHeader } from './trace-header';
import { TraceJsonLinks } from './trace-json-links';
import { TraceStatistics } from './trace-statistics';
import { TraceToolbar } from './trace-toolbar';
import { TraceViewControls } from './trace-view-controls';
import { TraceViewTabs, traceViewOf, type TraceView } from './trace-view-tabs';
import { useCriticalPathView } from './use-critical-path-view';
import { useTraceFind } from './use-trace-find';
import { useTraceKeyboard } from './use-trace-keyboard';
import { useUrlParam } from './use-url-param';

// Composes the trace page: header, toolbar (find, collapse), minimap, timeline, detail panel.
// State lives in small hooks; the trace itself is read-only.
export function TraceWorkspace({ trace }: { trace: Trace }) {
  const critical = useCriticalPathView(trace);
  const [markCritical, setMarkCritical] = useState(true);
  const [onlyCritical, setOnlyCritical] = useState(false);
  const errors = useMemo(() => errorPaths(trace), [trace]);
  const [errorsOnly, setErrorsOnly] = useState(false);
  const find = useTraceFind(trace);
  const [matchesOnly, setMatchesOnly] = useState(false);
  const matchKeep = useMemo(() => (matchesOnly && find.matches.length > 0 ? withAncestors(trace, find.matches) : undefined), [matchesOnly, find.matches, trace]);
  // the rows kept by each filter that is on (critical path, errors, find matches), together
  const keep = useMemo(() => {
    const sets = [onlyCritical ? critical.view?.keep : undefined, errorsOnly ? errors.keep : undefined, matchKeep].filter((k): k is ReadonlySet<string> => k !== undefined);
    if (sets.length <= 1) return sets[0];
    const [first, ...rest] = sets;
    return new Set([...first].filter((id) => rest.every((k) => k.has(id))));
  }, [onlyCritical, critical.view, errorsOnly, errors, matchKeep]);
  const timeline = useTimelineState(trace, keep);
  const [detailId, setDetailId] = useUrlParam('span');
  const [viewParam, setViewParam] = useUrlParam('view');
  const view = traceViewOf(viewParam);
  const [selectedId, setSelectedId] = useState(() => (trace.byId.has(detailId) ? detailId : (trace.root?.spanId ?? '')));
  const [scrollTarget, setScrollTarget] = useState<{ spanId: string; seq: number } | undefined>();
  const [helpOpen, setHelpOpen] = useState(false);
  // a ?span= that is not in this trace used to be ignored silently: say so, once
  const [missingSpan, setMissingSpan] = useState(() => (detailId !== '' && !trace.byId.has(detailId) ? detailId : ''));
  const findRef = useRef<HTMLInputElement>(null);
  const { rows, rowIndex, reveal, setOne } = timeline;

  const goTo = useCallback(
    (span: TraceSpan, openDetail: boolean) => {
      reveal(span);
      setSelectedId(span.spanId);
      if (openDetail) setDetailId(span.spanId);
      setScrollTarget((prev) => ({ spanId: span.spanId, seq: (prev?.seq ?? 0) + 1 }));
    },
    [reveal, setDetailId],
  );

  // a deep link (?span=) scrolls to the span and opens its detail, once
  useEffect(() => {
    const span = trace.byId.get(detailId);
    if (span) goTo(span, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [trace]);

  const selected = trace.byId.get(selectedId);
  const detail = trace.byId.get(detailId);
  const onRowClick = useCallback((span: TraceSpan) => {
    setSelectedId(span.spanId);
    setDetailId(span.spanId);
  }, [setDetailId]);

  // a zoom from the minimap scrolls to the first row whose bar starts inside the new window (or,
  // failing that, the first one crossing it): the rows in view may all lie outside it, which left
  // the timeline blank, and the root (whose bar crosses every window) would only show itself
  const zoomTo = useCallback(
    (a: number, b: number) => {
      timeline.setViewRange(a, b);
      if (a <= 0 && b >= 1) return;
      const [from, to] = [a * trace.durationUs, b * trace.durationUs];
      const first = rows.find((r) => r.startUs >= from && r.startUs <= to) ?? rows.find((r) => r.startUs + r.durationUs >= from && r.startUs <= to);
      if (first) setScrollTarget((prev) => ({ spanId: first.spanId, seq: (prev?.seq ?? 0) + 1 }));
    },
    [timeline, trace, rows],
  );

  // both views show one selection; back on the timeline, it is revealed and scrolled to
  const changeView = (next: TraceView) => {
    setViewParam(next === 'timeline' ? '' : next);
    if (next === 'timeline' && selected) goTo(selected, false);
  };

  useTraceKeyboard({
    move: (delta) => {
      const at = selected ? (rowIndex.get(selected.spanId) ?? 0) : -1;
      const next = rows[Math.max(0, Math.min(rows.length - 1, at + delta))];
      if (next) goTo(next, detail !== undefined);
    },
    collapse: () => {
      if (!selected) return;
      if (selected.children.length > 0 && !timeline.collapsed.has(selected.spanId)) setOne(selected.spanId, true);
      else if (selected.parentIndex >= 0) goTo(trace.spans[selected.parentIndex], false);
    },
    expand: () => {
      if (!selected || selected.children.length === 0) return;
      if (timeline.collapsed.has(selected.spanId)) setOne(selected.spanId, false);
      else goTo(trace.spans[selected.children[0]], false);
    },
    open: () => selected && setDetailId(selected.spanId),
    close: () => (helpOpen ? setHelpOpen(false) : setDetailId('')),
    focusFind: () => findRef.current?.focus(),
    nextMatch: (delta) => {
      const span = find.step(delta);
      if (span) goTo(span, false);
    },
    help: () => setHelpOpen((v) => !v),
  });

  return (
    <div className="flex h-[calc(100vh-5.5rem)] min-h-[28rem] flex-col gap-3" data-testid="trace-page">
      <TraceHeader trace={trace}>
        <IncomingLinksBadge traceId={trace.traceId} />
        <TraceViewTabs view={view} onChange={changeView} />
        <CompareWith traceId={trace.traceId} />
        <TraceJsonLinks traceId={trace.traceId} />
        <KeyboardHelp open={helpOpen} onOpenChange={setHelpOpen} />
      </TraceHeader>
      {missingSpan && (
        <p role="status" data-testid="missing-span" className="flex items-center gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-1.5 text-sm text-amber-900">
          <span className="min-w-0 flex-1 break-all">Span {missingSpan} is not in this trace; showing the trace from its root.</span>
          <button type="button" className="shrink-0 text-xs underline" onClick={() => setMissingSpan('')}>dismiss</button>
        </p>
      )}
      <CriticalPathSummary view={critical.view} error={critical.error} />
      <TraceViewControls
        view={view}
        markCritical={markCritical}
        onMarkCritical={setMarkCritical}
        onlyCritical={onlyCritical}
        onOnlyCritical={setOnlyCritical}
      />
      {view === 'stats' ? (
        <TraceStatistics trace={trace} />
      ) : (
      <>
      <TraceToolbar trace={trace} timeline={timeline} find={find} findRef={findRef} matchesOnly={matchesOnly} onMatchesOnly={setMatchesOnly} onFindStep={(d) => {
        const span = find.step(d);
        if (span) goTo(span, false);
      }} />
      <ErrorControls count={errors.count} errorsOnly={errorsOnly} onErrorsOnly={setErrorsOnly}
        onFirst={() => errors.first && goTo(errors.first, true)} />
      <SpanMinimap trace={trace} viewRange={timeline.viewRange} onViewRange={zoomTo} />
      <div className="flex min-h-0 flex-1 gap-3">
        {view === 'flame' ? (
          <FlameGraph trace={trace} selectedId={selectedId} viewRange={timeline.viewRange} onSelect={onRowClick} />
        ) : (
          <Timeline
            trace={trace}
            timeline={timeline}
            selectedId={selectedId}
            matchIds={find.matchIds}
            currentMatchId={find.matches[find.currentIndex]?.spanId}
            scrollTarget={scrollTarget}
            onRowClick={onRowClick}
            critical={markCritical ? critical.view?.bySpan : undefined}
            errors={errors}
          />
        )}
        {detail && <SpanDetailPanel trace={trace} span={detail} onClose={() => setDetailId('')} onSelect={(s) => goTo(s, true)} />}
      </div>
      </>
      )}
    </div>
  );
}
