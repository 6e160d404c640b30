import { storedCandidates, type EncodedValue } from '@/lib/model/attribute-value';
import { spanKindOfWord, statusCodeOfEnumName } from '@/lib/model/conventions';
import { StatusCode, type SpanKind } from '@/lib/model/span-record';
import { TagKey } from '@/lib/model/tag-conventions';
import type { TagFilter, TraceQuery } from '@/lib/model/trace-query';
import { db } from '@/lib/store/db';
import { storedKeyForms } from './read-dimensions';
import { Prisma } from '@/lib/store/generated/client';

// The span-level criteria of a trace search as one SQL condition on a span row `s`, with Jaeger's
// semantics: ONE span must match every criterion (service, operation, duration within bounds,
// and every tag somewhere on that span: its attributes, its resource, its scope, one of its
// events or links; `event=<name>` also finds a span with an event of that name). The time
// window is the caller's: it differs between a walk of spans and a check of one trace's spans.
//
// Indexes relied on (per day partition): spans_service_id_start_ns_operation_id_idx for
// service and service + operation in a window (the operation is checked in the index; an
// operation without a service adds its services, so the index still applies);
// spans_attributes_gin / spans_events_gin / spans_links_gin for tags (written as @>
// containment, the only form a jsonb_path_ops GIN index answers); resources_attributes_gin and
// scopes_attributes_gin to turn resource/scope tags into id lists first.

const NONE = Prisma.sql`FALSE`;

const jsonb = (v: unknown) => Prisma.sql`${JSON.stringify(v)}::jsonb`;
const containsAny = (column: Prisma.Sql, values: unknown[]) =>
  Prisma.join(values.map((v) => Prisma.sql`${column} @> ${jsonb(v)}`), ' OR ');

const idsMatching = async (table: 'resources' | 'scopes', key: string, candidates: EncodedValue[], serviceId?: number) => {
  const where = containsAny(Prisma.raw('attributes'), candidates.map((c) => ({ [key]: c })));
  const service = serviceId !== undefined && table === 'resources' ? Prisma.sql`AND service_id = ${serviceId}` : Prisma.empty;
  const rows = await db().$queryRaw<{ id: number }[]>`SELECT id FROM ${Prisma.raw(table)} WHERE (${where}) ${service}`;
  return rows.map((r) => r.id);
};

const operationIdsOfKind = async (kind: SpanKind, serviceId?: number) => {
  const service = serviceId !== undefined ? Prisma.sql`AND service_id = ${serviceId}` : Prisma.empty;
  const rows = await db().$queryRaw<{ id: number }[]>`SELECT id FROM operations WHERE kind = ${kind} ${service}`;
  return rows.map((r) => r.id);
};

const scopeIdsWhere = async (column: 'name' | 'version', value: string) => {
  const rows = await db().$queryRaw<{ id: number }[]>`SELECT id FROM scopes WHERE ${Prisma.raw(column)} = ${value}`;
  return rows.map((r) => r.id);
};

/** s.attributes holds `key` (in any of its stored forms, see lib/store/write/stored-keys.ts) with one of the values. */
const spanAttributeIn = async (key: string, values: unknown[]) => {
  const forms = await storedKeyForms(key);
  return containsAny(Prisma.raw('s.attributes'), forms.flatMap((form) => values.map((v) => ({ [form]: v }))));
};

const inIds = (column: string, ids: number[]) => (ids.length === 0 ? NONE : Prisma.sql`${Prisma.raw(column)} = ANY(${ids}::int[])`);

/** The SQL condition one tag puts on a span row `s`. */
const tagCondition = async ({ key, value }: TagFilter, serviceId?: number): Promise<Prisma.Sql> => {
  // keys with a meaning of their own: the tags the OTLP→Jaeger mapping writes for span fields
  // (lib/model/tag-conventions.ts), and the short names Jaeger's memory store also accepts
  const lower = value.toLowerCase();
  if (key === TagKey.ERROR) {
    if (lower === 'true') return Prisma.sql`(s.status_code = ${StatusCode.ERROR} OR ${await spanAttributeIn(TagKey.ERROR, [true])})`;
    if (lower === 'false') return Prisma.sql`s.status_code <> ${StatusCode.ERROR}`;
  }
  if (key === TagKey.SPAN_KIND) {
    const kind = spanKindOfWord(value);
    return kind === undefined ? NONE : inIds('s.operation_id', await operationIdsOfKind(kind, serviceId));
  }
  if (key === 'span.status' || key === TagKey.STATUS_CODE) {
    const code = statusCodeOfEnumName(value);
    return code === undefined ? NONE : Prisma.sql`s.status_code = ${code}`;
  }
  if (key === TagKey.STATUS_DESCRIPTION) return Prisma.sql`s.status_message = ${value}`;
  if (key === TagKey.TRACE_STATE) return Prisma.sql`s.trace_state = ${value}`;
  if (key === 'scope.name' || key === TagKey.SCOPE_NAME) return inIds('s.scope_id', await scopeIdsWhere('name', value));
  if (key === 'scope.version' || key === TagKey.SCOPE_VERSION) return inIds('s.scope_id', await scopeIdsWhere('version', value));

  const candidates = storedCandidates(value);
  if (key.startsWith('resource.')) {
    return inIds('s.resource_id', await idsMatching('resources', key.slice('resource.'.length), candidates, serviceId));
  }
  const [resourceIds, scopeIds] = await Promise.all([
    idsMatching('resources', key, candidates, serviceId),
    idsMatching('scopes', key, candidates),
  ]);
  const places = [
    await spanAttributeIn(key, candidates),
    containsAny(Prisma.raw('s.events'), candidates.map((c) => [{ a: { [key]: c } }])),
    containsAny(Prisma.raw('s.links'), candidates.map((c) => [{ a: { [key]: c } }])),
  ];
  // a Jaeger log's `event` field is the OTel event's name: Jaeger's stores index it as a tag
  if (key === TagKey.LOG_EVENT) places.push(Prisma.sql`s.events @> ${jsonb([{ n: value }])}`);
  if (resourceIds.length > 0) places.push(inIds('s.resource_id', resourceIds));
  if (scopeIds.length > 0) places.push(inIds('s.scope_id', scopeIds));
  return Prisma.sql`(${Prisma.join(places, ' OR ')})`;
};

export type SpanCriteria = {
  /** the criteria ANDed, TRUE when there are none */
  where: Prisma.Sql;
  /** whether any span-level criterion was given */
  any: boolean;
  /** whether the service is the only one (a trace summary knows its services) */
  onlyService: boolean;
  serviceId?: number;
};

export type SpanCriteriaQuery = Pick<TraceQuery, 'serviceName' | 'operationName' | 'tags' | 'durationMinNs' | 'durationMaxNs'>;

/** The condition a matching span `s` meets; undefined when a named service or operation does not exist (nothing matches). */
export const spanCriteriaSql = async (query: SpanCriteriaQuery): Promise<SpanCriteria | undefined> => {
  const conditions: Prisma.Sql[] = [];
  let serviceId: number | undefined;
  if (query.serviceName !== undefined) {
    const rows = await db().$queryRaw<{ id: number }[]>`SELECT id FROM services WHERE name = ${query.serviceName}`;
    if (rows.length === 0) return undefined;
    serviceId = rows[0].id;
    conditions.push(Prisma.sql`s.service_id = ${serviceId}`);
  }
  if (query.operationName !== undefined && query.operationName !== '') {
    const service = serviceId !== undefined ? Prisma.sql`AND service_id = ${serviceId}` : Prisma.empty;
    const rows = await db().$queryRaw<{ id: number; service_id: number }[]>`
      SELECT id, service_id FROM operations WHERE name = ${query.operationName} ${service}`;
    if (rows.length === 0) return undefined;
    if (serviceId === undefined) conditions.push(inIds('s.service_id', [...new Set(rows.map((r) => r.service_id))]));
    conditions.push(inIds('s.operation_id', rows.map((r) => r.id)));
  }
  if (query.durationMinNs !== undefined) conditions.push(Prisma.sql`s.duration_ns >= ${query.durationMinNs}`);
  if (query.durationMaxNs !== undefined) conditions.push(Prisma.sql`s.duration_ns <= ${query.durationMaxNs}`);
  for (const tag of query.tags) conditions.push(await tagCondition(tag, serviceId));
  return {
    where: conditions.length === 0 ? Prisma.sql`TRUE` : Prisma.join(conditions, ' AND '),
    any: conditions.length > 0,
    onlyService: conditions.length === 1 && serviceId !== undefined,
    ...(serviceId !== undefined && { serviceId }),
  };
};
