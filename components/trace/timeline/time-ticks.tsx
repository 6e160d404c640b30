import { timeTicks } from '@/lib/view/format/format-duration';

// Tick labels across a time window (µs from the trace start); the parent is `relative`.
export function TimeTicks({ fromUs, toUs }: { fromUs: number; toUs: number }) {
  return (
    <>
      {timeTicks(fromUs, toUs).map(({ fraction, label }, i, all) => (
        <span
          key={i}
          className="absolute top-0 h-full border-l border-slate-200 px-1 text-[11px] leading-5 text-slate-500 tabular-nums"
          style={
            i === all.length - 1
              ? { right: 0, borderLeft: 'none', borderRight: '1px solid var(--color-slate-200)' }
              : { left: `${fraction * 100}%` }
          }
        >
          {label}
        </span>
      ))}
    </>
  );
}
