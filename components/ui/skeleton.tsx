/** A grey placeholder block of a fixed size, so content arriving later does not move the layout. */
export function Skeleton({ className = '', style }: { className?: string; style?: React.CSSProperties }) {
  return <div aria-hidden className={`animate-pulse rounded bg-slate-200 ${className}`} style={style} />;
}
