import type { SamplingStrategyResponse } from '@/lib/sampling/parse-strategies';
import { samplingStore } from '@/lib/sampling/sampling-store';
import { env } from '@/lib/env';

export const dynamic = 'force-dynamic';

const describe = (s: SamplingStrategyResponse): string =>
  s.strategyType === 'PROBABILISTIC'
    ? `probabilistic ${s.probabilisticSampling?.samplingRate}`
    : `rate limiting ${s.rateLimitingSampling?.maxTracesPerSecond} traces/s`;

function StrategyRow({ name, strategy, testId }: { name: string; strategy: SamplingStrategyResponse; testId: string }) {
  const ops = strategy.operationSampling?.perOperationStrategies ?? [];
  return (
    <tr className="align-top" data-testid={testId}>
      <td className="px-3 py-2 font-mono">{name}</td>
      <td className="px-3 py-2">{describe(strategy)}</td>
      <td className="px-3 py-2 font-mono text-xs">
        {ops.length === 0
          ? '—'
          : ops.map((o) => (
              <div key={o.operation}>
                {o.operation}: {o.probabilisticSampling.samplingRate}
              </div>
            ))}
      </td>
    </tr>
  );
}

// The Jaeger remote-sampling strategies Spanscope hands out right now, and where they came from.
export default function SamplingPage() {
  const { file, loadedAt, lastError, strategies } = samplingStore().snapshot();
  const port = env().JAEGER_SAMPLING_PORT; // 0: the sampling port is off, only /api/sampling answers
  const services = [...strategies.serviceStrategies.entries()].sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-2xl font-semibold">Sampling strategies</h1>
      <p className="text-sm text-slate-600" data-testid="sampling-source">
        {file ? (
          <>
            From <code>{file}</code>, loaded {new Date(loadedAt).toISOString()}; re-read when it changes.
          </>
        ) : (
          <>No SAMPLING_STRATEGIES_FILE is set: every service samples every trace.</>
        )}{' '}
        {port > 0 ? (
          <>
            Jaeger clients fetch these from <code data-testid="sampling-port">GET :{port}/sampling?service=NAME</code> (or <code>/api/sampling</code> here).
          </>
        ) : (
          <>
            The sampling port is off (JAEGER_SAMPLING_PORT=0); Jaeger clients can fetch these from <code>/api/sampling?service=NAME</code> here.
          </>
        )}
      </p>
      {lastError && (
        <p className="rounded border border-amber-300 bg-amber-50 p-2 text-sm" data-testid="sampling-error">
          The last change to the file was refused, the strategies above it are still in force: {lastError}
        </p>
      )}
      <table className="w-full rounded border border-slate-200 bg-white text-sm">
        <thead className="text-left text-slate-500">
          <tr>
            <th className="px-3 py-2">service</th>
            <th className="px-3 py-2">strategy</th>
            <th className="px-3 py-2">per operation</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {services.map(([name, strategy]) => (
            <StrategyRow key={name} name={name} strategy={strategy} testId="sampling-service" />
          ))}
          <StrategyRow name="(every other service)" strategy={strategies.defaultStrategy} testId="sampling-default" />
        </tbody>
      </table>
    </div>
  );
}
