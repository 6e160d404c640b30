import { computeCriticalPath } from '@/lib/model/critical-path';
import type { SpanRecord } from '@/lib/model/span-record';
import { computeTraceStatistics } from '@/lib/model/trace-statistics';
import { makeResource, makeSpan, START_NS } from '@/lib/model/testing/make-span-record';

// `npm run bench:analysis`: how long the trace page's analyses take on a 100,000-span trace, as
// the API computes them from the stored spans (lib/model/critical-path.ts, trace-statistics.ts).
// Printed, never asserted (the machine is shared). Three shapes: a plausible service tree with
// concurrent and sequential children, a flat trace (one root, 99,999 sequential children: the
// case where rescanning every child at each return would be quadratic), and a 100,000-deep chain.

const N = 100_000;
const services = Array.from({ length: 12 }, (_, i) => makeResource(`svc-${i}`, { 'host.name': `host-${i % 4}` }));
const hex = (i: number) => (i + 1).toString(16).padStart(16, '0');

// a seeded generator, so every run measures the same trace
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);

const serviceTree = (): SpanRecord[] => {
  const spans: SpanRecord[] = [makeSpan({ spanId: hex(0), startNs: START_NS, endNs: START_NS + 10_000_000_000n, resource: services[0] })];
  // breadth-first: each span gets 0-9 children placed inside it, half of them one after another, half concurrent
  for (let p = 0; spans.length < N; p++) {
    const parent = spans[p];
    const len = Number(parent.endNs - parent.startNs);
    const kids = 1 + Math.floor(random() * 9);
    for (let k = 0; k < kids && spans.length < N; k++) {
      const from = random() < 0.5 ? (k / kids) * len : random() * len * 0.5;
      const dur = Math.max(1, (random() * len) / kids);
      const i = spans.length;
      spans.push(
        makeSpan({
          spanId: hex(i),
          parentSpanId: parent.spanId,
          name: `op-${i % 40}`,
          startNs: parent.startNs + BigInt(Math.floor(from)),
          // a tenth of the children overrun their parent, as clock skew makes them
          endNs: parent.startNs + BigInt(Math.floor(from + dur * (random() < 0.1 ? 3 : 1))),
          resource: services[i % services.length],
          attributes: { 'http.status_code': random() < 0.9 ? 200 : 500 },
        }),
      );
    }
  }
  return spans;
};

const flat = (): SpanRecord[] =>
  Array.from({ length: N }, (_, i) =>
    i === 0
      ? makeSpan({ spanId: hex(0), startNs: START_NS, endNs: START_NS + BigInt(N) * 1000n })
      : makeSpan({ spanId: hex(i), parentSpanId: hex(0), startNs: START_NS + BigInt(i) * 1000n, endNs: START_NS + BigInt(i) * 1000n + 900n }),
  );

const chain = (): SpanRecord[] =>
  Array.from({ length: N }, (_, i) =>
    makeSpan({ spanId: hex(i), parentSpanId: i ? hex(i - 1) : '', startNs: START_NS + BigInt(i), endNs: START_NS + BigInt(2 * N - i) }),
  );

/** median and best of 9 timed runs after 2 warm-ups, in ms */
const time = (run: () => unknown): string => {
  for (let i = 0; i < 2; i++) run();
  const ms: number[] = [];
  for (let i = 0; i < 9; i++) {
    const started = performance.now();
    run();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return `median ${ms[4].toFixed(1)} ms, best ${ms[0].toFixed(1)} ms`;
};

for (const [name, build] of [
  ['service tree', serviceTree],
  ['flat (1 root, 99,999 sequential children)', flat],
  ['chain (100,000 deep)', chain],
] as const) {
  const spans = build();
  const sections = computeCriticalPath(spans).length;
  console.log(`${name}, ${spans.length.toLocaleString('en')} spans:`);
  console.log(`  critical path (${sections.toLocaleString('en')} sections): ${time(() => computeCriticalPath(spans))}`);
  console.log(`  statistics per service + operation: ${time(() => computeTraceStatistics(spans))}`);
  console.log(`  statistics grouped by http.status_code: ${time(() => computeTraceStatistics(spans, 'http.status_code'))}`);
}
