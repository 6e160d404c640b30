import { memo } from 'react';
import { formatDurationUs } from '@/lib/view/format/format-duration';
import { serviceColor } from '@/lib/view/format/service-color';
import type { CriticalInterval } from '@/lib/view/trace/critical-path-view';
import type { TraceSpan } from '@/lib/view/trace/trace-model';
import type { ViewBounds } from '@/lib/view/trace/view-bounds';

export const ROW_HEIGHT = 28;
// at most 380 px, less on a phone so the bars (and their critical sections) keep room; vw, not %,
// so the header and the rows (which may have a scrollbar) agree
// the user's width (--name-col, set by Timeline when the column was resized) or the default
export const NAME_COLUMN_WIDTH = 'var(--name-col, min(380px, 45vw))';
const INDENT_PX = 12;
const MAX_INDENT_LEVELS = 24; // deeper spans stop moving right and show their depth instead

type SpanBarRowProps = {
  span: TraceSpan;
  top: number;
  bounds: ViewBounds;
  collapsed: boolean;
  /** an error span none of whose children failed */
  errorOrigin: boolean;
  /** some descendant failed (shown when the row is collapsed) */
  failedBelow: boolean;
  selected: boolean;
  match: boolean;
  currentMatch: boolean;
  /** the span's sections on the critical path (µs from the trace start), when marked */
  critical?: readonly CriticalInterval[];
  onToggle: (spanId: string) => void;
  onClick: (span: TraceSpan) => void;
};

// One timeline row: tree cell (indent, toggle, service, name) and the bar placed by view fractions.
export const SpanBarRow = memo(function SpanBarRow({ span, top, bounds, collapsed, errorOrigin, failedBelow, selected, match, currentMatch, critical, onToggle, onClick }: SpanBarRowProps) {
  const color = serviceColor(span.serviceName);
  const { start, end } = bounds(span.startUs, span.startUs + span.durationUs);
  const left = Math.max(start, 0);
  const width = Math.max(Math.min(end, 1) - left, 0);
  const visible = end >= 0 && start <= 1;
  const hasChildren = span.children.length > 0;
  // the duration label goes after the bar, else before it, else (a bar spanning the view) inside its end
  const labelInside = left + width >= 0.85 && left <= 0.15;
  const bg = currentMatch ? 'bg-amber-200' : selected ? 'bg-sky-100' : match ? 'bg-amber-50' : 'hover:bg-slate-50';
  return (
    <div
      role="treeitem"
      aria-level={span.depth}
      aria-selected={selected}
      aria-expanded={hasChildren ? !collapsed : undefined}
      data-testid="span-row"
      data-span-id={span.spanId}
      data-match={match || undefined}
      data-critical={critical ? true : undefined}
      className={`absolute left-0 flex w-full cursor-pointer border-b border-slate-100 text-xs ${bg}`}
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
      onClick={() => onClick(span)}
    >
      <div className="flex shrink-0 items-center gap-1 overflow-hidden border-r border-slate-200 pr-2" data-testid="span-name-cell" style={{ width: NAME_COLUMN_WIDTH, paddingLeft: 4 + Math.min(span.depth - 1, MAX_INDENT_LEVELS) * INDENT_PX }}>
        {hasChildren ? (
          <button
            type="button"
            aria-label={collapsed ? 'Expand children' : 'Collapse children'}
            className="h-4 w-4 shrink-0 rounded text-slate-500 hover:bg-slate-200"
            onClick={(e) => {
              e.stopPropagation();
              onToggle(span.spanId);
            }}
            data-testid="toggle-children"
          >
            {collapsed ? '▸' : '▾'}
          </button>
        ) : (
          <span className="w-4 shrink-0" />
        )}
        {span.depth - 1 > MAX_INDENT_LEVELS && <span className="shrink-0 rounded bg-slate-200 px-1 text-[10px] text-slate-600">{span.depth}</span>}
        <span className="h-3 w-1 shrink-0 rounded-sm" style={{ background: color }} />
        {span.isError && (
          // where the error originated: a filled mark; an error passed on from a failed child: an outlined one
          <span
            className={`flex h-3.5 shrink-0 items-center rounded px-1 text-[10px] font-bold ${errorOrigin ? 'bg-red-600 text-white' : 'border border-red-500 text-red-700'}`}
            title={`${errorOrigin ? 'Error originated here' : 'Error passed on from a failed child'}${span.statusMessage ? `: ${span.statusMessage}` : ''}`}
            data-testid="error-mark"
            data-origin={errorOrigin || undefined}
          >
            !<span className="sr-only">{errorOrigin ? ', error originated here' : ', error passed on'}</span>
          </span>
        )}
        <span className="shrink-0 font-medium text-slate-700" data-testid="span-service">{span.serviceName}</span>
        <span className="truncate text-slate-600" data-testid="span-name" title={span.name}>{span.name}</span>
        {collapsed && <span className="shrink-0 text-[10px] text-slate-500">+{span.descendantCount}</span>}
        {collapsed && failedBelow && (
          <span className="shrink-0 rounded bg-red-100 px-1 text-[10px] font-medium text-red-800" title="A span hidden under this one failed" data-testid="hidden-error">
            hidden error
          </span>
        )}
        {critical && <span className="sr-only">, on the critical path</span>}
      </div>
      <div className="relative flex-1 overflow-hidden">
        {visible && (
          <div
            className={`absolute top-[7px] h-[14px] rounded-sm ${span.isError ? 'ring-2 ring-red-500' : ''}`}
            style={{ left: `${left * 100}%`, width: `max(${width * 100}%, 1px)`, background: color }}
            data-testid="span-bar"
          >
            {span.events.map((e, i) => {
              const f = span.durationUs > 0 ? (e.t - span.startUs) / span.durationUs : 0;
              return <span key={i} className="absolute top-0 h-full w-px bg-slate-900/70" style={{ left: `${Math.min(Math.max(f, 0), 1) * 100}%` }} title={e.n} data-testid="event-tick" />;
            })}
          </div>
        )}
        {/* only the critical part of the bar: a dark band over it, placed in view coordinates so zoom clips it too */}
        {critical?.map(([from, to], i) => {
          const b = bounds(from, to);
          if (b.end < 0 || b.start > 1) return null;
          const l = Math.max(b.start, 0);
          return (
            <span
              key={i}
              className="pointer-events-none absolute top-[12px] h-[4px] bg-slate-900"
              style={{ left: `${l * 100}%`, width: `max(${(Math.min(b.end, 1) - l) * 100}%, 1px)` }}
              title="critical path"
              data-testid="critical-section"
            />
          );
        })}
        {visible && (
        <span
          className={`absolute top-0 whitespace-nowrap px-1 leading-7 text-[11px] tabular-nums ${labelInside ? 'font-medium text-white' : 'text-slate-500'}`}
          style={left + width < 0.85 ? { left: `${(left + width) * 100}%` } : left > 0.15 ? { right: `${(1 - left) * 100}%` } : { right: `${(1 - left - width) * 100}%` }}
        >
          {formatDurationUs(span.durationUs)}
        </span>
        )}
      </div>
    </div>
  );
});
