'use client';

import { useCompare } from '@/lib/client/analytics-queries';

type Props = { request: { filter: string; selection: string; startMs: number; endMs: number }; label: string };

const pct = (n: number) => `${Number(n.toFixed(1))}%`;

/** "What is different about the selection": attribute values over-represented in it, with both percentages. */
export function DifferencesPanel({ request, label }: Props) {
  const answer = useCompare(request);
  if (answer.error) return <p role="alert" className="text-sm text-red-800">{answer.error.message}</p>;
  if (!answer.data) return <p className="text-sm text-slate-500">Comparing…</p>;
  const { differences, selectedSpans, restSpans, capped, maxSpans } = answer.data;
  return (
    <div data-testid="differences">
      <p className="mb-2 text-xs text-slate-600">
        {selectedSpans} spans in {label} against {restSpans} others{capped ? ` (at most ${maxSpans} spans read on each side)` : ''}.
      </p>
      {differences.length === 0 ? (
        <p className="text-sm text-slate-500">No attribute value is more frequent in {label} than in the rest.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs text-slate-500 uppercase">
                <th scope="col" className="py-1.5 pr-2 font-medium">Attribute</th>
                <th scope="col" className="py-1.5 pr-2 font-medium">Value</th>
                <th scope="col" className="py-1.5 pr-2 text-right font-medium">In {label}</th>
                <th scope="col" className="py-1.5 pr-2 text-right font-medium">In the rest</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {differences.map((d) => (
                <tr key={`${d.key}\u0000${d.value}`} data-testid="difference-row">
                  <td className="py-1.5 pr-2 font-mono text-xs">{d.key}</td>
                  <td className="max-w-64 truncate py-1.5 pr-2" data-testid="difference-value">{d.value}</td>
                  <td className="py-1.5 pr-2 text-right font-mono tabular-nums" data-testid="difference-selected">{pct(d.selectedPct)}</td>
                  <td className="py-1.5 pr-2 text-right font-mono tabular-nums" data-testid="difference-rest">{pct(d.restPct)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
