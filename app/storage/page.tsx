import { getStorageStats } from '@/lib/store/read/get-storage-stats';
import { runtime } from '@/lib/server/runtime';

export const dynamic = 'force-dynamic';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

// Retention at a glance: the setting, the oldest data kept, and each day's size on disk.
export default async function StoragePage() {
  const stats = await getStorageStats({ retentionDays: runtime().env.RETENTION_DAYS });
  const largest = Math.max(1, ...stats.days.map((d) => d.bytes));
  return (
    <div className="mx-auto max-w-3xl space-y-6 overflow-x-auto">
      <h1 className="text-2xl font-semibold">Storage and retention</h1>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4" data-testid="storage-summary">
        {[
          ['Retention', `${stats.retentionDays} days`],
          ['Oldest span', stats.oldestSpanStart ? stats.oldestSpanStart.replace('T', ' ').slice(0, 19) + ' UTC' : '—'],
          ['Days kept', String(stats.days.length)],
          ['On disk', mb(stats.totalBytes)],
        ].map(([label, value]) => (
          <div key={label} className="rounded border border-slate-200 bg-white p-3">
            <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
            <dd className="mt-1 font-mono text-sm">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-slate-600">
        Spans are kept in one partition per UTC day. Every hour, and on <code>npm run retention</code>, days older than{' '}
        {stats.retentionDays} days are dropped whole (set <code>RETENTION_DAYS</code> to change it).
      </p>
      <table className="w-full text-sm" data-testid="storage-days">
        <thead className="text-left text-slate-500">
          <tr>
            <th className="py-1">Day (UTC)</th>
            <th className="py-1 text-right">Spans (estimate)</th>
            <th className="py-1 pl-4">Size on disk</th>
          </tr>
        </thead>
        <tbody>
          {[...stats.days].reverse().map((d) => (
            <tr key={d.partition} className="border-t border-slate-200" data-testid="storage-day">
              <td className="py-1 font-mono">{d.day}</td>
              <td className="py-1 text-right font-mono" data-testid="storage-day-spans">
                {/* a day that has data but no estimate yet (no ANALYZE since its spans arrived) is not "0 spans" */}
                {d.spans === 0 && d.bytes > 65_536 ? <span className="font-sans text-xs text-slate-500">not estimated yet</span> : `≈ ${d.spans.toLocaleString('en-US')}`}
              </td>
              <td className="py-1 pl-4">
                <div className="flex items-center gap-2">
                  <div className="h-2 rounded bg-sky-500" style={{ width: `${Math.max(2, (d.bytes / largest) * 200)}px` }} />
                  <span className="font-mono">{mb(d.bytes)}</span>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-slate-500" data-testid="storage-estimate-note">
        Span counts are PostgreSQL&apos;s estimates, refreshed when it analyzes a day&apos;s table (automatically, after enough
        rows change): right after a burst of spans a day can show fewer than arrived, or none yet. Sizes on disk are exact.
      </p>
    </div>
  );
}
