/** A duration in microseconds, shortly and readably: 850µs, 12.3ms, 1.52s, 2m 5s. */
export const formatDurationUs = (us: number): string => {
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
