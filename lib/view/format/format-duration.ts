// Durations as people read them on a timeline: 3 significant-ish digits, the largest fitting unit.

/** Formats microseconds shortly and readably: "500ns", "850µs", "12.3ms", "1.52s", "2m 5s", "2h 5m". */
export const formatDurationUs = (us: number): string => {
  if (us < 0) return `-${formatDurationUs(-us)}`;
  if (us === 0) return '0µs'; // the trace's own unit, e.g. the first timeline tick
  if (us < 1) return `${Math.round(us * 1000)}ns`;
  if (us < 1000) return `${round(us)}µs`;
  const ms = us / 1000;
  if (ms < 1000) return `${round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${round(s)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${Math.round(s - m * 60)}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
};

// three significant digits, no trailing zeros
const round = (n: number): string => String(Number(n.toPrecision(3)));

/** Evenly spaced tick positions (fractions of the window) with labels, for a window of the trace. */
export const timeTicks = (fromUs: number, toUs: number, count = 5): { fraction: number; label: string }[] =>
  Array.from({ length: count }, (_, i) => {
    const fraction = i / (count - 1);
    return { fraction, label: formatDurationUs(fromUs + fraction * (toUs - fromUs)) };
  });
