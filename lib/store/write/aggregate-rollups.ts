import type pg from 'pg';
import { fingerprintMessage } from '@/lib/model/fingerprint-message';
import { sketchBucketOf } from '@/lib/model/latency-sketch';
import type { EncodedValue } from '@/lib/model/attribute-value';
import { SpanKind, type SpanRecord } from '@/lib/model/span-record';
import { callChangeColumns, type CallChanges } from './count-call-changes';
import type { SpanFacts } from './summarize-span-facts';
import type { SpanFactsOfTrace } from './upkeep-trace-summaries';

// The rollups of one batch (tables span_rollups and exception_rollups, see their migration, and
// the summaries' call changes for call_rollups, count-call-changes.ts),
// aggregated here in JS and inserted as level-0 rows by the writer in the batch's transaction,
// after its COPY: a rollup commits with its spans or not at all. Append-only (INSERT … unnest,
// no ON CONFLICT): two writers never wait on each other's rows of the hot minute; the
// compaction pass (lib/store/compact-rollups.ts) merges a closed minute's rows later.
//
// Duplicates: the rollups count each span once, as the services page always has (the one rule,
// lib/model/duplicate-spans.ts, keyed like the metrics' DISTINCT ON (trace, span id, kind)): a
// span sent twice in one batch counts once, and a retried batch whose spans were already
// committed adds nothing for the traces the summary upkeep reads back (every trace under its
// PROBE_MAX_SPANS, see upkeep-trace-summaries.ts), which reports those spans as `repeats`. Only
// a copy in a trace past that size counts again. The raw span analytics count stored rows, so
// the two differ only by such retried copies.

export const MINUTE_NS = 60_000_000_000n;
/**
 * A rollup row's histogram as one text, its bucket ids then their counts ("3,4,9,1,5,2"), over
 * the columns `buckets` and `counts` of the row `alias`: stored in `hist` on hour rows and
 * computed for the others when read (lib/store/read/read-request-rollups.ts parses it).
 */
export const histText = (alias: string) => `array_to_string(${alias}.buckets || ${alias}.counts, ',')`;

/**
 * Reads a histogram text (histText) into `into`, digit by digit, as its bucket ids then their
 * counts, and returns the number of buckets. node-pg's parser of array columns, and split() and
 * Number() after it, made a string or an object per number, and their allocation and collection
 * took most of a rollup read's CPU (--cpu-prof). `into` holds 2 × 2,200 numbers (every bucket id).
 */
export const readHistText = (text: string, into: Float64Array): number => {
  let n = 0;
  let v = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      into[n++] = v;
      v = 0;
    } else v = v * 10 + (c - 48);
  }
  into[n++] = v;
  return n / 2;
};
const MINUTE = 60_000_000_000;
/** below 2^53 ns, a difference of times is exact as a double */
const EXACT_NS = 2n ** 53n;
/** longest example message and stack trace kept per row */
const MAX_EXAMPLE_CHARS = 16_384;

/** The key of a span for the duplicate rule: trace, span id and kind. */
export const repeatKey = (traceId: string, spanId: string, kind: number): string => traceId + spanId + kind;

type SpanCell = { minute: number; serviceId: number; operationId: number; status: number; entry: boolean; count: number; sumNs: number; hist: Map<number, number> };
type ExceptionCell = {
  minute: number; serviceId: number; operationId: number; type: string; fingerprint: string; count: number;
  firstNs: bigint; lastNs: bigint; message: string; stacktrace: string; traceId: string;
};

const text = (v: EncodedValue | undefined): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
// PostgreSQL text cannot hold NUL
const clean = (s: string, max = MAX_EXAMPLE_CHARS) => (s.length > max ? s.slice(0, max) : s).replaceAll('\0', '');

const pgArray = (values: number[]) => `{${values.join(',')}}`;

/** The buckets and counts columns: each cell's histogram as two parallel array literals, ascending. */
const histogramColumns = (cells: SpanCell[]): [string[], string[]] => {
  const buckets: string[] = [];
  const counts: string[] = [];
  for (const c of cells) {
    const ids = [...c.hist.keys()].sort((a, b) => a - b);
    buckets.push(pgArray(ids));
    counts.push(pgArray(ids.map((b) => c.hist.get(b)!)));
  }
  return [buckets, counts];
};

/** A span's exception events, taken from its record when its request is admitted (exceptionsOf). */
export type SpanExceptions = {
  traceId: string;
  /** the span's facts, the same object as in the batch's facts */
  fact: SpanFacts;
  events: { type: string; message: string; stacktrace: string; tNs: bigint }[];
};

/** The exception events of a span, or undefined when it has none (most spans). */
export const exceptionsOf = (r: SpanRecord, fact: SpanFacts): SpanExceptions | undefined => {
  let events: SpanExceptions['events'] | undefined;
  for (const e of r.events) {
    if (e.n !== 'exception') continue;
    (events ??= []).push({
      type: clean(text(e.a?.['exception.type']), 1024), message: text(e.a?.['exception.message']),
      stacktrace: text(e.a?.['exception.stacktrace']), tNs: e.t ? BigInt(e.t) : fact.startNs,
    });
  }
  return events && { traceId: r.traceId, fact, events };
};

/**
 * Inserts the batch's rollup rows from its spans' facts and exception events; spans whose
 * repeatKey is in `repeats` were stored before this batch and are not counted again.
 */
export const insertRollups = async (
  client: pg.ClientBase, facts: SpanFactsOfTrace, spanExceptions: readonly SpanExceptions[], repeats: ReadonlySet<string>,
  calls: CallChanges,
): Promise<void> => {
  const spans = new Map<string, SpanCell>();
  const exceptions = new Map<string, ExceptionCell>();
  const bySpanId = new Map<string, { traceId: string; fact: SpanFacts }>();
  const again = new Set<string>();
  /** spans not counted (copies), whose exceptions are not counted either */
  const skipped = new Set<SpanFacts>();
  const minuteOf = new Map<SpanFacts, number>();
  const first = facts.values().next();
  if (first.done) return;
  // minutes as numbers from the batch's first minute: plain arithmetic per span instead of BigInt
  // division (a batch spans far less than the 104 days a double holds in ns exactly)
  const base = (first.value[0].startNs / MINUTE_NS) * MINUTE_NS;
  const minuteOfNs = (ns: bigint) => {
    const sinceBase = ns - base;
    return sinceBase < EXACT_NS && sinceBase > -EXACT_NS ? Math.floor(Number(sinceBase) / MINUTE) : Number(ns / MINUTE_NS - base / MINUTE_NS);
  };
  for (const [traceId, ofTrace] of facts) {
    for (const f of ofTrace) {
      // each span once: keyed by span id alone first (its hash is cached on the string), by trace,
      // id and kind only when an id comes again (a repeat, or another trace's or kind's span)
      const seen = bySpanId.get(f.spanId);
      if (seen === undefined) bySpanId.set(f.spanId, { traceId, fact: f });
      else {
        again.add(repeatKey(seen.traceId, seen.fact.spanId, seen.fact.kind));
        const key = repeatKey(traceId, f.spanId, f.kind);
        if (again.has(key)) {
          skipped.add(f);
          continue;
        }
        again.add(key);
      }
      if (repeats.size > 0 && repeats.has(repeatKey(traceId, f.spanId, f.kind))) {
        skipped.add(f);
        continue;
      }
      const minute = minuteOfNs(f.startNs);
      if (spanExceptions.length > 0) minuteOf.set(f, minute);
      // a request of its service (read-request-rollups.ts); the operation determines the service and kind
      const entry = f.kind === SpanKind.SERVER || f.kind === SpanKind.CONSUMER || f.parentSpanId === '';
      const key = `${minute}|${f.operationId}|${f.statusCode}|${entry ? 1 : 0}`;
      const durationNs = Number(f.endNs - f.startNs);
      let cell = spans.get(key);
      if (!cell) spans.set(key, (cell = { minute, serviceId: f.serviceId, operationId: f.operationId, status: f.statusCode, entry, count: 0, sumNs: 0, hist: new Map() }));
      cell.count++;
      cell.sumNs += durationNs;
      const b = sketchBucketOf(durationNs);
      cell.hist.set(b, (cell.hist.get(b) ?? 0) + 1);
    }
  }
  for (const { traceId, fact: f, events } of spanExceptions) {
    if (skipped.has(f)) continue;
    const minute = minuteOf.get(f)!;
    for (const { type, message, stacktrace, tNs: t } of events) {
      const fingerprint = fingerprintMessage(message);
      const xkey = JSON.stringify([minute, f.operationId, type, fingerprint]);
      const x = exceptions.get(xkey);
      if (!x) {
        exceptions.set(xkey, {
          minute, serviceId: f.serviceId, operationId: f.operationId, type, fingerprint, count: 1, firstNs: t, lastNs: t,
          message: clean(message), stacktrace: clean(stacktrace), traceId,
        });
        continue;
      }
      x.count++;
      if (t < x.firstNs) x.firstNs = t;
      if (t >= x.lastNs) {
        x.lastNs = t;
        x.message = clean(message);
        x.traceId = traceId;
        if (stacktrace !== '') x.stacktrace = clean(stacktrace);
      }
    }
  }
  // the summaries' call changes (count-call-changes.ts) go in the same statement: no round trip more
  const [callHours, callParents, callChildren, callCounts] = callChangeColumns(calls);
  if (spans.size === 0 && callHours.length === 0) return;
  const cells = [...spans.values()];
  const values: unknown[] = [
    cells.map((c) => String(base + BigInt(c.minute) * MINUTE_NS)), cells.map((c) => c.serviceId), cells.map((c) => c.operationId),
    cells.map((c) => c.status), cells.map((c) => c.entry), cells.map((c) => c.count), cells.map((c) => String(BigInt(Math.round(c.sumNs)))),
    ...histogramColumns(cells),
  ];
  const ctes: string[] = [];
  if (exceptions.size > 0) {
    const xs = [...exceptions.values()];
    values.push(
      xs.map((x) => String(base + BigInt(x.minute) * MINUTE_NS)), xs.map((x) => x.serviceId), xs.map((x) => x.operationId), xs.map((x) => x.type),
      xs.map((x) => x.fingerprint), xs.map((x) => x.count), xs.map((x) => String(x.firstNs)), xs.map((x) => String(x.lastNs)),
      xs.map((x) => x.message), xs.map((x) => x.stacktrace), xs.map((x) => x.traceId),
    );
    ctes.push(`x AS (
      INSERT INTO exception_rollups (bucket_ns, level, service_id, operation_id, type, fingerprint, count, first_ns, last_ns,
                                     example_message, example_stacktrace, example_trace_id)
      SELECT m, 0, s, o, t, f, n, fi, la, em, es, et
      FROM unnest($10::int8[], $11::int[], $12::int[], $13::text[], $14::text[], $15::int8[], $16::int8[], $17::int8[], $18::text[],
                  $19::text[], $20::uuid[]) AS u(m, s, o, t, f, n, fi, la, em, es, et))`);
  }
  if (callHours.length > 0) {
    const at = values.length;
    values.push(callHours, callParents, callChildren, callCounts);
    ctes.push(`k AS (
      INSERT INTO call_rollups (bucket_ns, level, parent_id, child_id, count)
      SELECT h, 0, p, c, n FROM unnest($${at + 1}::int8[], $${at + 2}::int[], $${at + 3}::int[], $${at + 4}::int8[]) AS u(h, p, c, n))`);
  }
  await client.query(
    `${ctes.length > 0 ? `WITH ${ctes.join(', ')}` : ''}
     INSERT INTO span_rollups (bucket_ns, level, service_id, operation_id, status_code, entry, count, duration_sum_ns, buckets, counts)
     SELECT m, 0, s, o, st, r, n, d, b::int2[], c::int8[]
     FROM unnest($1::int8[], $2::int[], $3::int[], $4::int2[], $5::bool[], $6::int8[], $7::numeric[], $8::text[], $9::text[]) AS u(m, s, o, st, r, n, d, b, c)`,
    values,
  );
};
