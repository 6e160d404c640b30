import type { EncodedAttributes } from '@/lib/model/attribute-value';
import { dictionaryKey, literalKey, parseStoredKey } from '@/lib/store/write/stored-keys';
import { inClientOrder, ORDER_KEY, spanAttributesInOrder } from '@/lib/store/write/key-order';
import type { ResourceRecord, ScopeRecord, SpanKind } from '@/lib/model/span-record';
import { db } from '@/lib/store/db';
import type { Operation } from './list-operations';

// Read-side lookups of dimension rows by id. Rows never change once written, so they are
// cached for the life of the process (bounded), and a trace of 10,000 spans with one resource
// costs one resource lookup, not 10,000 copies of it over the wire.

const MAX_ENTRIES = 100_000;
const operations = new Map<number, Operation>();
const resources = new Map<number, ResourceRecord>();
const scopes = new Map<number, ScopeRecord>();
const attributeKeys = new Map<number, string>();

const remember = <V>(map: Map<number, V>, id: number, value: V) => {
  if (map.size >= MAX_ENTRIES) map.clear();
  map.set(id, value);
};

const missing = (map: Map<number, unknown>, ids: Iterable<number>) => [...new Set(ids)].filter((id) => !map.has(id));

export type Dimensions = {
  operation: (id: number) => Operation;
  resource: (id: number) => ResourceRecord;
  scope: (id: number) => ScopeRecord;
  /** span attributes as read from spans.attributes, with their keys spelled out, in the client's order */
  attributes: (stored: EncodedAttributes) => EncodedAttributes;
};

export type LoadDimensionsOptions = {
  operationIds: Iterable<number>;
  resourceIds: Iterable<number>;
  scopeIds: Iterable<number>;
  /** span attributes as stored, whose dictionary keys will be read */
  attributes?: Iterable<EncodedAttributes>;
};

/** The dictionary ids among stored attribute keys. */
function* keyIds(storedKeys: Iterable<string>): Generator<number> {
  for (const key of storedKeys) {
    const parsed = parseStoredKey(key);
    if ('id' in parsed) yield parsed.id;
  }
}

function* keysOf(stored: Iterable<EncodedAttributes>): Generator<string> {
  for (const attributes of stored) for (const key in attributes) if (key !== ORDER_KEY) yield key;
}

const loadAttributeKeys = async (ids: Iterable<number>) => {
  const idList = missing(attributeKeys, ids);
  if (idList.length === 0) return;
  const rows = await db().$queryRaw<{ id: number; key: string }[]>`SELECT id, key FROM attribute_keys WHERE id = ANY(${idList}::int[])`;
  rows.forEach((r) => remember(attributeKeys, r.id, r.key));
};

/** A stored span attribute key spelled out (its dictionary id must be loaded). */
const spelledOut = (stored: string): string => {
  const parsed = parseStoredKey(stored);
  if ('key' in parsed) return parsed.key;
  const key = attributeKeys.get(parsed.id);
  if (key === undefined) throw new Error(`attribute key ${parsed.id} is missing from the store`);
  return key;
};

/** Stored span attribute keys (as jsonb_object_keys lists them) spelled out, in order. */
export const spellOutKeys = async (stored: string[]): Promise<string[]> => {
  await loadAttributeKeys(keyIds(stored));
  return stored.map(spelledOut);
};

/**
 * The forms a span attribute key can have in spans.attributes (lib/store/write/stored-keys.ts): its
 * dictionary form if the key has an id, and its literal form.
 */
export const storedKeyForms = async (key: string): Promise<string[]> => {
  const rows = await db().$queryRaw<{ id: number }[]>`SELECT id FROM attribute_keys WHERE key = ${key}`;
  return rows.length > 0 ? [dictionaryKey(rows[0].id), literalKey(key)] : [literalKey(key)];
};

/** Loads (into the cache) every dimension row the given ids name, and returns lookups. */
export const loadDimensions = async ({ operationIds, resourceIds, scopeIds, attributes = [] }: LoadDimensionsOptions): Promise<Dimensions> => {
  const opIds = missing(operations, operationIds);
  const resIds = missing(resources, resourceIds);
  const scIds = missing(scopes, scopeIds);
  await Promise.all([
    loadAttributeKeys(keyIds(keysOf(attributes))),
    opIds.length &&
      db()
        .$queryRaw<{ id: number; name: string; kind: number }[]>`SELECT id, name, kind FROM operations WHERE id = ANY(${opIds}::int[])`
        .then((rows) => rows.forEach((r) => remember(operations, r.id, { name: r.name, kind: r.kind as SpanKind }))),
    resIds.length &&
      db()
        .$queryRaw<{ id: number; service: string; attributes: EncodedAttributes; ord: string | null; dropped: number; schema_url: string }[]>`
          SELECT r.id, s.name AS service, r.attributes, r.attributes_order AS ord, r.dropped_attributes_count AS dropped, r.schema_url
          FROM resources r JOIN services s ON s.id = r.service_id WHERE r.id = ANY(${resIds}::int[])`
        .then((rows) =>
          rows.forEach((r) =>
            remember(resources, r.id, {
              serviceName: r.service,
              attributes: inClientOrder(r.attributes, r.ord ?? undefined),
              droppedAttributesCount: r.dropped,
              schemaUrl: r.schema_url,
            }),
          ),
        ),
    scIds.length &&
      db()
        .$queryRaw<{ id: number; name: string; version: string; attributes: EncodedAttributes; ord: string | null; dropped: number; schema_url: string }[]>`
          SELECT id, name, version, attributes, attributes_order AS ord, dropped_attributes_count AS dropped, schema_url FROM scopes WHERE id = ANY(${scIds}::int[])`
        .then((rows) =>
          rows.forEach((r) =>
            remember(scopes, r.id, {
              name: r.name,
              version: r.version,
              attributes: inClientOrder(r.attributes, r.ord ?? undefined),
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
  return {
    operation: get(operations, 'operation'),
    resource: get(resources, 'resource'),
    scope: get(scopes, 'scope'),
    attributes: (stored) => spanAttributesInOrder(stored, spelledOut),
  };
};
