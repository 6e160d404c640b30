import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { SpanRecord } from '@/lib/model/span-record';
import { COPY_NULL, copyBytea, copyJson, copyRowsBuffer, copyText } from './copy-text';
import { DimensionCache } from './dimension-cache';
import { elementsWithOrder } from './key-order';
import type { SpanFacts } from './summarize-span-facts';
import { upkeepTraceSummaries, type SpanFactsOfTrace } from './upkeep-trace-summaries';
import { exceptionsOf, insertRollups, type SpanExceptions } from './aggregate-rollups';
import { dayOfNs, ensurePartitions } from '@/lib/store/partitions';
import { hasCitus } from '@/lib/store/citus';
import { noteIngestBacklog } from '@/lib/store/ingest-activity';

// The one path by which spans reach PostgreSQL. Requests put their spans in a bounded queue
// and wait; WRITERS workers take what is queued (several requests at once, up to
// BATCH_MAX_SPANS), write it with one COPY, the summaries of its traces and its per-minute
// rollups (aggregate-rollups.ts) in one transaction
// and only then resolve every waiting request, so an acknowledgement always means "committed".
// Each request's spans are turned into their COPY text (one Buffer) and summary facts as soon as
// they are admitted, not when their batch is written: a queued request then holds one off-heap
// Buffer instead of thousands of small objects that would survive young-generation collections
// while they wait (measured: scavenges copying them took a quarter of ingest's CPU).
// A full queue refuses new work at once (OverloadedError, which ingest answers with 503 +
// Retry-After or gRPC RESOURCE_EXHAUSTED), so exporters retry rather than anything accepted
// being dropped. "Full" is whichever comes first: maxQueuedSpans, or a queue that would take
// longer than maxWaitMs to commit at the rate the writers have been committing: an exporter
// gives up after 10 s by default and then retries what may already be committed (duplicates),
// so an acknowledgement must come well before that, or a 503 at once.

const WRITERS = 2; // two COPY streams roughly double throughput on 2 cores (measured: one stream leaves a core idle while the other waits on PostgreSQL)
const BATCH_MAX_SPANS = 5_000;

export const SPAN_COLUMNS = [
  'trace_id', 'span_id', 'parent_span_id', 'start_ns', 'duration_ns', 'service_id', 'operation_id', 'resource_id',
  'scope_id', 'status_code', 'status_message', 'trace_state', 'flags', 'attributes', 'events', 'links',
  'dropped_attributes_count', 'dropped_events_count', 'dropped_links_count',
] as const;

const COPY_SQL = `COPY spans (${SPAN_COLUMNS.join(', ')}) FROM STDIN`;

// Ingest tells these apart by `code`, not instanceof: the launcher's module graph and Next's
// bundle each load this module, and share the one writer the launcher created.

/** The queue is full: the client should retry later (how much later is ingest's to say). */
export class OverloadedError extends Error {
  readonly code = 'overloaded';
  constructor() {
    super('ingest queue is full; retry later');
  }
}

/** The writer is shutting down and takes no new work. */
export class ClosedError extends Error {
  readonly code = 'closed';
  constructor() {
    super('server is shutting down');
  }
}

/** A request's spans, ready to write: their COPY text, the days they fall on, their summary facts, their exception events (for the rollups). */
type Prepared = { text: Buffer; spans: number; days: Set<number>; facts: SpanFactsOfTrace; exceptions: SpanExceptions[] };
type Job = Prepared & { resolve: () => void; reject: (err: Error) => void };

const orNull = (n: number) => (n === 0 ? COPY_NULL : String(n));

export type SpanWriterOptions = {
  databaseUrl: string;
  maxQueuedSpans: number;
  /** the longest a request should wait for its commit; longer expected waits are refused (INGEST_MAX_WAIT_MS) */
  maxWaitMs?: number;
  /** called after each commit with its spans and seconds taken (the launcher's /metrics histogram) */
  onCommit?: (spans: number, seconds: number) => void;
};

// until a batch has been timed: a modest guess (a loaded 2-core machine commits 5-10k spans/s)
const PRIOR_SPANS_PER_SECOND_PER_WRITER = 2_500;

/** Commit throughput, spans/s, as an exponentially weighted mean of the batches' own rates × WRITERS. */
class CommitRate {
  private perWriter = PRIOR_SPANS_PER_SECOND_PER_WRITER;
  private measured = false;
  note(spans: number, ms: number) {
    const sample = spans / Math.max(ms, 1) * 1000;
    this.perWriter = this.measured ? 0.8 * this.perWriter + 0.2 * sample : sample;
    this.measured = true;
  }
  /** spans/s of all writers together */
  get spansPerSecond() {
    return this.perWriter * WRITERS;
  }
}

export class SpanWriter {
  private readonly pool: pg.Pool;
  private readonly dims: DimensionCache;
  private queue: Job[] = [];
  private queuedSpans = 0;
  private busy = 0;
  /** requests admitted whose rows are still being built */
  private preparing = 0;
  private closed = false;
  private idleWaiters: (() => void)[] = [];
  /** spans committed since start, for health and benchmarks */
  committedSpans = 0;
  private readonly rate = new CommitRate();
  /** whether to write rollups: not on Citus, whose readers compute from spans (asked on the first commit) */
  private rollups: boolean | undefined;

  constructor(private readonly options: SpanWriterOptions) {
    this.pool = new pg.Pool({ connectionString: options.databaseUrl, max: WRITERS + 2, application_name: 'spanscope-ingest' });
    this.pool.on('error', () => {}); // an idle client's connection died; the next query reconnects
    this.dims = new DimensionCache(this.pool);
  }

  /** The writer's connection pool: connections open, idle, and callers waiting for one. */
  poolStats(): { total: number; idle: number; waiting: number } {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  /** Spans accepted but not yet committed. */
  get backlog(): number {
    return this.queuedSpans;
  }

  /** Resolves once every record is committed; rejects with OverloadedError when the queue is full. */
  async write(records: SpanRecord[]): Promise<void> {
    if (this.closed) throw new ClosedError();
    if (records.length === 0) return;
    if (this.queuedSpans > 0 && (this.queuedSpans + records.length > this.options.maxQueuedSpans || this.expectedWaitMs(records.length) > (this.options.maxWaitMs ?? Infinity))) {
      throw new OverloadedError();
    }
    this.queuedSpans += records.length;
    this.preparing++;
    let prepared: Prepared;
    try {
      prepared = await this.prepare(records);
    } catch (err) {
      this.queuedSpans -= records.length;
      this.preparing--;
      this.wakeIdleWaiters();
      throw err;
    }
    this.preparing--; // queued in the same tick, so drained() cannot see it missing
    // what the commit needs is in `prepared`: the records (a fat request's attribute strings) may
    // be collected while it waits (the caller hands the array over, lib/ingest/ingest-deps.ts)
    records.length = 0;
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ ...prepared, resolve, reject });
      this.pump();
    });
  }

  /** How long `more` spans would wait for their commit behind what is queued, at the recent rate. */
  expectedWaitMs(more = 0): number {
    return ((this.queuedSpans + more) / this.rate.spansPerSecond) * 1000;
  }

  /** Stops taking work and waits until everything accepted is committed. */
  async close(): Promise<void> {
    this.closed = true;
    await this.drained();
    await this.pool.end();
  }

  /** Waits until nothing is queued or being written. */
  drained(): Promise<void> {
    if (this.queue.length === 0 && this.busy === 0 && this.preparing === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump() {
    while (this.busy < WRITERS && this.queue.length > 0) {
      const batch: Job[] = [];
      let spans = 0;
      while (this.queue.length > 0 && (batch.length === 0 || spans + this.queue[0].spans <= BATCH_MAX_SPANS)) {
        const job = this.queue.shift()!;
        batch.push(job);
        spans += job.spans;
      }
      this.busy++;
      void this.run(batch, spans);
    }
    if (this.queue.length > 0) noteIngestBacklog(); // every writer busy, spans waiting: heavy reads yield (read-budget.ts)
  }

  private async run(batch: Job[], spans: number) {
    try {
      const started = performance.now();
      await this.commit(batch);
      this.rate.note(spans, performance.now() - started);
      this.options.onCommit?.(spans, (performance.now() - started) / 1000);
      this.committedSpans += spans;
      for (const job of batch) job.resolve();
    } catch (err) {
      if (batch.length === 1) batch[0].reject(err as Error);
      else {
        // one request's data may have broken the shared COPY: retry each alone, so only it fails
        for (const job of batch) {
          try {
            const started = performance.now();
            await this.commit([job]);
            this.options.onCommit?.(job.spans, (performance.now() - started) / 1000);
            this.committedSpans += job.spans;
            job.resolve();
          } catch (e) {
            job.reject(e as Error);
          }
        }
      }
    } finally {
      this.queuedSpans -= spans;
      this.busy--;
      this.pump();
      this.wakeIdleWaiters();
    }
  }

  private wakeIdleWaiters() {
    if (this.queue.length === 0 && this.busy === 0 && this.preparing === 0) for (const w of this.idleWaiters.splice(0)) w();
  }

  /**
   * A request's COPY text and summary facts. Its dimension rows are marked as used here, before
   * its spans are queued: one that retention deleted meanwhile (all its spans had aged out) is
   * created again, with a new id, and the rows built again. Marked rows are not deleted before
   * the commit, since ingest keeps only spans inside the retention window.
   */
  private async prepare(records: SpanRecord[]): Promise<Prepared> {
    let built = await this.buildRows(records);
    for (let attempt = 1; !(await this.dims.raiseLastSeen(built.seen)); attempt++) {
      if (attempt === 3) throw new Error('dimension rows were deleted while this batch was being written');
      built = await this.buildRows(records);
    }
    return { text: copyRowsBuffer(built.rows), spans: records.length, days: built.days, facts: built.facts, exceptions: built.exceptions };
  }

  private async commit(jobs: Job[]): Promise<void> {
    const days = new Set<number>();
    let facts: SpanFactsOfTrace = jobs[0].facts;
    if (jobs.length > 1) {
      facts = new Map();
      for (const job of jobs) {
        for (const [traceId, spans] of job.facts) {
          const ofTrace = facts.get(traceId);
          if (ofTrace) ofTrace.push(...spans);
          else facts.set(traceId, [...spans]);
        }
      }
    }
    for (const job of jobs) for (const day of job.days) days.add(day);
    const client = await this.pool.connect();
    try {
      this.rollups ??= !(await hasCitus(client));
      await ensurePartitions(client, days);
      await client.query('BEGIN');
      try {
        await pipeline(Readable.from(jobs.map((j) => j.text)), client.query(copyFrom(COPY_SQL)));
        const { repeats, calls } = await upkeepTraceSummaries(client, facts);
        if (this.rollups) await insertRollups(client, facts, jobs.length === 1 ? jobs[0].exceptions : jobs.flatMap((j) => j.exceptions), repeats, calls);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      }
    } finally {
      client.release();
    }
  }

  /** The COPY text rows of a request's spans, the days they fall on, and the dimension rows they use. */
  private async buildRows(records: SpanRecord[]) {
    const rows: string[] = new Array(records.length);
    const days = new Set<number>();
    const seen = this.dims.newSeenDays();
    const facts: SpanFactsOfTrace = new Map();
    const exceptions: SpanExceptions[] = [];
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      const ids =
        this.dims.cachedIds(r.resource.serviceName, r.name, r.kind, r.resource, r.scope) ??
        (await this.dims.ids(r.resource.serviceName, r.name, r.kind, r.resource, r.scope));
      const day = dayOfNs(r.startNs);
      days.add(day);
      this.dims.noteSeen(seen, ids, day);
      const fact: SpanFacts = {
        spanId: r.spanId, parentSpanId: r.parentSpanId, startNs: r.startNs, endNs: r.endNs,
        serviceId: ids.serviceId, operationId: ids.operationId, statusCode: r.statusCode, kind: r.kind,
      };
      const ofTrace = facts.get(r.traceId);
      if (ofTrace) ofTrace.push(fact);
      else facts.set(r.traceId, [fact]);
      if (r.events.length > 0) {
        const x = exceptionsOf(r, fact);
        if (x) exceptions.push(x);
      }
      // one template per row: measured faster than joining an array of its 19 columns
      const attributes = this.dims.cachedAttributesCopyText(r.attributes) ?? (await this.dims.attributesCopyText(r.attributes));
      rows[i] =
        `${r.traceId}\t${copyBytea(r.spanId)}\t${r.parentSpanId === '' ? COPY_NULL : copyBytea(r.parentSpanId)}\t` +
        `${r.startNs}\t${r.endNs - r.startNs}\t${ids.serviceId}\t${ids.operationId}\t${ids.resourceId}\t${ids.scopeId}\t` +
        `${r.statusCode}\t${r.statusMessage === '' ? COPY_NULL : copyText(r.statusMessage)}\t` +
        `${r.traceState === '' ? COPY_NULL : copyText(r.traceState)}\t` +
        `${r.flags === 0 ? COPY_NULL : r.flags | 0}\t` + // uint32 stored in int4 by its bits
        `${attributes}\t${r.events.length === 0 ? COPY_NULL : copyJson(elementsWithOrder(r.events))}\t${r.links.length === 0 ? COPY_NULL : copyJson(elementsWithOrder(r.links))}\t` +
        `${orNull(r.droppedAttributesCount)}\t${orNull(r.droppedEventsCount)}\t${orNull(r.droppedLinksCount)}`;
    }
    return { rows, days, seen, facts, exceptions };
  }
}
