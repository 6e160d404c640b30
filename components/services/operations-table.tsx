import Link from 'next/link';
import type { TServiceMetricsResponse } from '@/lib/client/schemas';
import type { MetricWindow } from '@/lib/api/pages/metric-windows';
import { formatDurationUs } from '@/lib/view/format/format-duration';
import { toJaegerSpanKind } from '@/lib/model/conventions';
import type { SpanKind } from '@/lib/model/span-record';
import { formatErrorRate, formatRate } from '@/lib/view/format/format-metrics';
import { searchHref } from './search-link';

type OperationsTableProps = { service: string; operations: TServiceMetricsResponse['operations']; widthMs: number; window: MetricWindow };

const HEADERS = ['Operation', 'Rate', 'Errors', 'p50', 'p95', 'p99'];

/** The service's entry operations with their metrics, busiest first; a click searches that operation. */
export function OperationsTable({ service, operations, widthMs, window }: OperationsTableProps) {
  const rows = [...operations].sort((a, b) => b.requests - a.requests);
  return (
    <table className="w-full self-start text-sm" data-testid="operations-table">
      <thead>
        <tr className="border-b border-slate-200 text-left text-xs text-slate-500 uppercase">
          {HEADERS.map((h, i) => <th key={h} className={`py-1.5 font-medium ${i > 0 ? 'text-right' : ''}`}>{h}</th>)}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((op) => (
          <tr key={`${op.operation}\u0000${op.kind}`} data-testid="operation-row" data-operation={op.operation} className="hover:bg-slate-50">
            <td className="max-w-0 truncate py-1.5 pr-2">
              <Link href={searchHref(service, window, op.operation)} prefetch={false} className="hover:underline" data-testid="operation-link">{op.operation}</Link>
              <span className="ml-2 text-xs text-slate-500">{toJaegerSpanKind(op.kind as SpanKind) || 'unspecified'}</span>
            </td>
            <td className="py-1.5 text-right font-mono tabular-nums">{formatRate(op.requests, widthMs)}</td>
            <td className={`py-1.5 text-right font-mono tabular-nums ${op.errors > 0 ? 'text-red-700' : ''}`} data-testid="operation-error-rate">
              {formatErrorRate(op.errors, op.requests)}
            </td>
            {[op.p50Us, op.p95Us, op.p99Us].map((us, i) => (
              <td key={i} className="py-1.5 text-right font-mono tabular-nums">{formatDurationUs(us)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
