import { formatDurationUs } from '@/lib/view/format/format-duration';
import { serviceColor } from '@/lib/view/format/service-color';
import type { Trace } from '@/lib/view/trace/trace-model';
import { formatTimestamp } from '@/lib/view/format/format-time';
import { useTimeZone } from '@/components/layout/use-time-zone';

type TraceHeaderProps = { trace: Trace; children?: React.ReactNode };

const Stat = ({ label, value, testId }: { label: string; value: React.ReactNode; testId: string }) => (
  <div className="flex items-baseline gap-1.5">
    <span className="text-xs uppercase tracking-wide text-slate-500">{label}</span>
    <span className="font-medium tabular-nums" data-testid={testId}>
      {value}
    </span>
  </div>
);

// Root operation, start, duration, services, depth, span and error counts.
export function TraceHeader({ trace, children }: TraceHeaderProps) {
  const root = trace.root;
  const tz = useTimeZone();
  return (
    <div className="space-y-2" data-testid="trace-header">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="max-w-full min-w-0 truncate text-xl font-semibold" data-testid="trace-title">
          {root ? (
            <>
              <span className="mr-1.5 inline-block size-3 rounded-sm align-baseline" style={{ background: serviceColor(root.serviceName) }} aria-hidden="true" />
              <span>{root.serviceName}</span>
              <span className="text-slate-500">: </span>
              {root.name}
            </>
          ) : (
            'Empty trace'
          )}
        </h1>
        <span className="font-mono text-xs text-slate-500" data-testid="trace-id">
          {trace.traceId}
        </span>
        <div className="flex flex-wrap items-center gap-2 sm:ml-auto">{children}</div>
      </div>
      <div className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        <Stat label="Start" value={`${formatTimestamp(trace.startUs / 1000, tz)} ${tz === 'utc' ? 'UTC' : 'local'}`} testId="trace-start" />
        <Stat label="Duration" value={formatDurationUs(trace.durationUs)} testId="trace-duration" />
        <Stat label="Services" value={trace.services.length} testId="trace-service-count" />
        <Stat label="Depth" value={trace.depth} testId="trace-depth" />
        <Stat label="Spans" value={trace.spans.length.toLocaleString('en-US')} testId="trace-span-count" />
        <Stat
          label="Errors"
          value={<span className={trace.errorCount ? 'text-red-600' : ''}>{trace.errorCount}</span>}
          testId="trace-error-count"
        />
      </div>
      <ul className="flex flex-wrap gap-1.5" data-testid="trace-services">
        {trace.services.map((s) => (
          <li key={s.name} className="flex items-center gap-1 rounded-full border border-slate-200 bg-white px-2 py-0.5 text-xs" data-testid="trace-service">
            <span className="h-2 w-2 rounded-full" style={{ background: serviceColor(s.name) }} />
            <span className="font-medium">{s.name}</span>
            <span className="text-slate-500">{s.spanCount}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
