/** Requests per second, or per minute when below one a second. */
export const formatRate = (requests: number, widthMs: number): string => {
  const perSecond = requests / (widthMs / 1000);
  if (perSecond >= 1) return `${Number(perSecond.toPrecision(3))}/s`;
  return `${Number((perSecond * 60).toPrecision(3))}/min`;
};

/** Error share as a percentage with at most one decimal. */
export const formatErrorRate = (errors: number, requests: number): string =>
  requests === 0 ? '0%' : `${Number(((errors / requests) * 100).toFixed(1))}%`;
