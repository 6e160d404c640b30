import type { EncodedAttributes } from '../model/attributes';
import type { ResourceRecord, ScopeRecord, SpanKind } from '../model/types';
import { db } from './db';

// Read-side lookups of dimension rows by id. Rows never change once written, so they are
// cached for the life of the process (bounded), and a trace of 10,000 spans with one resource
// costs one resource lookup, not 10,000 copies of it over the wire.

type OperationRow = { serviceName: string; name: string; kind: SpanKind };

const MAX_ENTRIES = 100_000;
const operations = new Map<number, OperationRow>();
const resources = new Map<number, ResourceRecord>();
const scopes = new Map<number, ScopeRecord>();

const remember = <V>(map: Map<number, V>, id: number, value: V) => {
  if (map.size >= MAX_ENTRIES) map.clear();
  map.set(id, value);
};

const missing = (map: Map<number, unknown>, ids: Iterable<number>) => [...new Set(ids)].filter((id) => !map.has(id));

export type Dimensions = {
  operation: (id: number) => OperationRow;
  resource: (id: number) => ResourceRecord;
  scope: (id: number) => ScopeRecord;
};

export type LoadDimensionsOptions = { operationIds: Iterable<number>; resourceIds: Iterable<number>; scopeIds: Iterable<number> };

/** Loads (into the cache) every dimension row the given ids name, and returns lookups. */
export const loadDimensions = async ({ operationIds, resourceIds, scopeIds }: LoadDimensionsOptions): Promise<Dimensions> => {
  const opIds = missing(operations, operationIds);
  const resIds = missing(resources, resourceIds);
  const scIds = missing(scopes, scopeIds);
  await Promise.all([
    opIds.length &&
      db()
        .$queryRaw<{ id: number; service: string; name: string; kind: number }[]>`
          SELECT o.id, s.name AS service, o.name, o.kind FROM operations o JOIN services s ON s.id = o.service_id
          WHERE o.id = ANY(${opIds}::int[])`
        .then((rows) => rows.forEach((r) => remember(operations, r.id, { serviceName: r.service, name: r.name, kind: r.kind as SpanKind }))),
    resIds.length &&
      db()
        .$queryRaw<{ id: number; service: string; attributes: EncodedAttributes; dropped: number; schema_url: string }[]>`
          SELECT r.id, s.name AS service, r.attributes, r.dropped_attributes_count AS dropped, r.schema_url
          FROM resources r JOIN services s ON s.id = r.service_id WHERE r.id = ANY(${resIds}::int[])`
        .then((rows) =>
          rows.forEach((r) =>
            remember(resources, r.id, {
              serviceName: r.service,
              attributes: r.attributes,
              droppedAttributesCount: r.dropped,
              schemaUrl: r.schema_url,
            }),
          ),
        ),
    scIds.length &&
      db()
        .$queryRaw<{ id: number; name: string; version: string; attributes: EncodedAttributes; dropped: number; schema_url: string }[]>`
          SELECT id, name, version, attributes, dropped_attributes_count AS dropped, schema_url FROM scopes WHERE id = ANY(${scIds}::int[])`
        .then((rows) =>
          rows.forEach((r) =>
            remember(scopes, r.id, {
              name: r.name,
              version: r.version,
              attributes: r.attributes,
              droppedAttributesCount: r.dropped,
              schemaUrl: r.schema_url,
            }),
          ),
        ),
  ]);
  const get = <V>(map: Map<number, V>, what: string) => (id: number) => {
    const v = map.get(id);
    if (v === undefined) throw new Error(`${what} ${id} is missing from the store`);
    return v;
  };
  return { operation: get(operations, 'operation'), resource: get(resources, 'resource'), scope: get(scopes, 'scope') };
};
