import type { SpanCondition } from '@/lib/filter/filter-ast';
import { filterFromTraceQuery } from '@/lib/filter/from-trace-query';
import type { TraceQuery } from '@/lib/model/trace-query';
import { Prisma } from '@/lib/store/generated/client';
import { conjunctsOf, isTraceLevel, pinnedServiceId, spanConditionSql } from './filter-condition-sql';

// One spanset's condition as the searches that walk spans or summaries take it
// (find-trace-ids.ts, find-trace-summaries.ts): the span-level part as SQL on a span row `s`, the
// trace-level conjuncts (traceDuration, rootName, …) hoisted onto the trace summary `t`. Jaeger's
// legacy parameters arrive here as a filter too (lib/filter/from-trace-query.ts), so every door
// shares one compiler (filter-condition-sql.ts).

export type SpanCriteria = {
  /** the span-level condition on `s`, TRUE when there is none */
  where: Prisma.Sql;
  /** whether any span-level criterion was given */
  any: boolean;
  /** whether the service is the only one (a trace summary knows its services) */
  onlyService: boolean;
  serviceId?: number;
};

export type OneSpansetCriteria = { criteria: SpanCriteria; traceLevel: Prisma.Sql[] };

/** A spanset condition split into span-level SQL and trace-level SQL. */
export const oneSpansetCriteria = async (where: SpanCondition): Promise<OneSpansetCriteria> => {
  const conjuncts = conjunctsOf(where);
  const traceOnly = conjuncts.filter(isTraceLevel);
  const rest = conjuncts.filter((c) => !isTraceLevel(c) && c.kind !== 'true');
  const [traceLevel, spanWhere, serviceId] = await Promise.all([
    Promise.all(traceOnly.map((c) => spanConditionSql(c, { trace: 't' }))),
    rest.length === 0 ? undefined : spanConditionSql(rest.length === 1 ? rest[0] : { kind: 'and', args: rest }),
    pinnedServiceId({ kind: 'and', args: rest }),
  ]);
  return {
    criteria: {
      where: spanWhere ?? Prisma.sql`TRUE`,
      any: rest.length > 0,
      onlyService: rest.length === 1 && serviceId !== undefined,
      ...(serviceId !== undefined && { serviceId }),
    },
    traceLevel,
  };
};

/** Jaeger's search parameters (one span meets every span criterion) as criteria. */
export const traceQueryCriteria = (query: TraceQuery): Promise<OneSpansetCriteria> => {
  const { root } = filterFromTraceQuery(query);
  if (root.kind !== 'spans') throw new Error('a TraceQuery is one spanset');
  return oneSpansetCriteria(root.where);
};
