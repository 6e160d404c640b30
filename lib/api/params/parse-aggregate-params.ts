import type { Operand, SpanCondition } from '@/lib/filter/filter-ast';
import { parseGroupKey } from '@/lib/filter/parse-group-key';
import { parseTraceQL } from '@/lib/filter/parse-traceql';
import { toSpanCondition } from '@/lib/filter/to-span-condition';
import { isRollupAnswerable } from '@/lib/filter/is-rollup-answerable';
import { parseGoDuration } from './parse-go-duration';
import { parseUnixNs } from './parse-unix-ns';
import { QueryParamError } from './query-param-error';

// The parameters of GET /api/ui/aggregate (span analytics over raw spans):
//   filter   TraceQL about one span (lib/filter/to-span-condition.ts); absent: every span
//   groupBy  up to three keys, comma-separated (lib/filter/parse-group-key.ts)
//   start, end  unix nanoseconds; default the last hour; at most AGGREGATE_MAX_WINDOW_NS apart
//            when the answer scans the raw spans of its window, AGGREGATE_ROLLUP_MAX_WINDOW_NS when
//            it reads only rollup keys (lib/filter/is-rollup-answerable.ts) and so the rollups
//   step     Go duration of a chart bucket; default the nicest step giving at most ~60 buckets

const NS_PER_S = 1_000_000_000n;
const HOUR_NS = 3_600n * NS_PER_S;

/** The widest window one raw aggregation may scan. */
export const AGGREGATE_MAX_WINDOW_NS = 6n * HOUR_NS;
/** The widest window of a question the per-minute rollups answer (service, operation, kind, status). */
export const AGGREGATE_ROLLUP_MAX_WINDOW_NS = 7n * 24n * HOUR_NS;
export const AGGREGATE_MAX_KEYS = 3;
export const AGGREGATE_MAX_BUCKETS = 500;
/** The groups one answer keeps, the largest by span count. */
export const AGGREGATE_MAX_GROUPS = 100;

const NICE_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400];

/** The default chart step: the smallest nice step giving at most `target` buckets. */
export const defaultStepNs = (windowNs: bigint, target = 60): bigint => {
  for (const s of NICE_STEPS_S) if (windowNs <= BigInt(s) * NS_PER_S * BigInt(target)) return BigInt(s) * NS_PER_S;
  return BigInt(NICE_STEPS_S[NICE_STEPS_S.length - 1]) * NS_PER_S;
};

export type GroupKey = { text: string; operand: Operand };

export type AggregateParams = {
  /** the filter as sent ('' for every span) */
  filter: string;
  where: SpanCondition;
  groupBy: GroupKey[];
  startNs: bigint;
  endNs: bigint;
  stepNs: bigint;
};

/** A TraceQL filter about one span ('' is every span); a QueryParamError naming `param` when it is not one. */
export const parseSpanFilter = (text: string, param: string): SpanCondition => {
  if (text.trim() === '') return { kind: 'true' };
  const parsed = parseTraceQL(text);
  if (!parsed.ok) throw new QueryParamError(param, `${param}: ${parsed.error.message}`, parsed.error.position ? { position: parsed.error.position } : undefined);
  const cond = toSpanCondition(parsed.filter);
  if (!cond.ok) throw new QueryParamError(param, `${param}: ${cond.message}`);
  return cond.where;
};

/** Parses the query of /api/ui/aggregate; a bad parameter is a QueryParamError naming it. */
export const parseAggregateParams = (params: URLSearchParams, nowNs: bigint): AggregateParams => {
  const filter = (params.get('filter') ?? '').trim();
  const where = parseSpanFilter(filter, 'filter');

  const groupText = params.get('groupBy') ?? '';
  const groupBy: GroupKey[] = [];
  for (const text of groupText.split(',').map((t) => t.trim()).filter((t) => t !== '')) {
    const parsed = parseGroupKey(text);
    if (!parsed.ok) throw new QueryParamError('groupBy', `groupBy: ${parsed.message}`);
    if (groupBy.some((g) => g.text === text)) throw new QueryParamError('groupBy', `groupBy: ${text} is given twice`);
    groupBy.push({ text, operand: parsed.operand });
  }
  if (groupBy.length > AGGREGATE_MAX_KEYS) throw new QueryParamError('groupBy', `groupBy: at most ${AGGREGATE_MAX_KEYS} keys, got ${groupBy.length}`);

  const endNs = parseUnixNs(params, 'end') ?? nowNs;
  const startNs = parseUnixNs(params, 'start') ?? endNs - HOUR_NS;
  if (startNs >= endNs) throw new QueryParamError('start', 'start: the window must start before it ends');
  const rollups = isRollupAnswerable(where, groupBy.map((g) => g.operand));
  if (rollups && endNs - startNs > AGGREGATE_ROLLUP_MAX_WINDOW_NS) {
    throw new QueryParamError('start', `start: span analytics by service, operation, kind and status cover at most ${AGGREGATE_ROLLUP_MAX_WINDOW_NS / HOUR_NS / 24n} days: narrow the window`);
  }
  if (!rollups && endNs - startNs > AGGREGATE_MAX_WINDOW_NS) {
    throw new QueryParamError(
      'start',
      `start: span analytics grouped or filtered by anything but service, operation, kind and status read raw spans, over at most ${AGGREGATE_MAX_WINDOW_NS / HOUR_NS} hours; this window is ${((Number(endNs - startNs) / Number(HOUR_NS))).toFixed(1)} hours: narrow it`,
    );
  }

  const stepText = params.get('step') ?? '';
  // a rollup question over more than a raw window reads hour rows by default: a step of whole hours
  let stepNs = defaultStepNs(endNs - startNs);
  if (rollups && endNs - startNs > AGGREGATE_MAX_WINDOW_NS && stepNs < HOUR_NS) stepNs = HOUR_NS;
  if (stepText !== '') {
    try {
      stepNs = parseGoDuration(stepText);
    } catch (err) {
      throw new QueryParamError('step', `step: ${(err as Error).message}`);
    }
    if (stepNs <= 0n) throw new QueryParamError('step', 'step: must be longer than 0');
    const buckets = (endNs - startNs + stepNs - 1n) / stepNs;
    if (buckets > BigInt(AGGREGATE_MAX_BUCKETS)) {
      throw new QueryParamError('step', `step: ${stepText} cuts this window into ${buckets} buckets; at most ${AGGREGATE_MAX_BUCKETS}: give a longer step`);
    }
  }
  return { filter, where, groupBy, startNs, endNs, stepNs };
};
