import type { SpanCondition } from '@/lib/filter/filter-ast';
import { formatTraceQL } from '@/lib/filter/format-traceql';

// Pure helpers of the exceptions page: the query that finds a group's traces, and its sparkline.

/**
 * TraceQL finding spans with an exception of this service and type. The fingerprint masks data
 * that a TraceQL equality cannot, so the query is about the type; the example trace is exact.
 */
export const exceptionSearchQuery = (service: string, type: string): string => {
  const where: SpanCondition = {
    kind: 'and',
    args: [
      { kind: 'compare', operand: { kind: 'intrinsic', name: 'service' }, op: '=', value: { type: 'string', value: service } },
      {
        kind: 'some',
        over: 'event',
        where: {
          kind: 'and',
          args: [
            { kind: 'compare', operand: { kind: 'intrinsic', name: 'eventName' }, op: '=', value: { type: 'string', value: 'exception' } },
            ...(type === '' ? [] : [{ kind: 'compare', operand: { kind: 'attribute', scope: 'event', key: 'exception.type' }, op: '=', value: { type: 'string', value: type } } as SpanCondition]),
          ],
        },
      },
    ],
  };
  return formatTraceQL({ root: { kind: 'spans', where } });
};

/** An SVG polyline's points for counts per bucket (every bucket of the window, 0 where absent), scaled to width × height. */
export const sparklinePoints = (counts: number[], width: number, height: number): string => {
  if (counts.length === 0) return '';
  const max = Math.max(1, ...counts);
  const dx = counts.length === 1 ? 0 : width / (counts.length - 1);
  return counts.map((c, i) => `${(i * dx).toFixed(1)},${(height - (c / max) * (height - 1) - 0.5).toFixed(1)}`).join(' ');
};

/** Counts per bucket over the whole window from a sparse series. */
export const bucketCounts = (series: { t: string; count: number }[], window: { startNs: string; endNs: string }, stepNs: string): number[] => {
  const start = BigInt(window.startNs);
  const step = BigInt(stepNs);
  const n = Number((BigInt(window.endNs) - start + step - 1n) / step);
  const out = new Array<number>(Math.max(0, n)).fill(0);
  for (const p of series) {
    const i = Number((BigInt(p.t) - start) / step);
    if (i >= 0 && i < n) out[i] += p.count;
  }
  return out;
};
