// Durations as people read them on a timeline: 3 significant-ish digits, the largest fitting unit.

/** Formats microseconds: "850µs", "12.3ms", "1.25s", "2m 5s". */
export const formatDurationUs = (us: number): string => {
  const a = Math.abs(us);
  if (a < 1) return `${+us.toFixed(3)}µs`;
  if (a < 1000) return `${+us.toFixed(a < 10 ? 2 : a < 100 ? 1 : 0)}µs`;
  if (a < 1_000_000) return `${+(us / 1000).toFixed(a < 10_000 ? 2 : a < 100_000 ? 1 : 0)}ms`;
  if (a < 60_000_000) return `${+(us / 1_000_000).toFixed(a < 10_000_000 ? 2 : 1)}s`;
  const s = Math.round(us / 1_000_000);
  return `${Math.floor(s / 60)}m ${s % 60}s`;
};

/** Evenly spaced tick positions (fractions of the window) with labels, for a window of the trace. */
export const timeTicks = (fromUs: number, toUs: number, count = 5): { fraction: number; label: string }[] =>
  Array.from({ length: count }, (_, i) => {
    const fraction = i / (count - 1);
    return { fraction, label: formatDurationUs(fromUs + fraction * (toUs - fromUs)) };
  });
