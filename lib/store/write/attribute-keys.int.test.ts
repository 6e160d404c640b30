import pg from 'pg';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { otlpRequest, otlpSpan, postOtlpJson, randomHexId } from '@/lib/test/otlp-json-request';

// Span attribute keys are stored by dictionary id (lib/store/write/stored-keys.ts). What a user sees
// must not change: keys read back spelled out, tag search and the key/value suggestions work,
// for dictionary keys, for keys too long to get an id, for a key that starts with the mark,
// and for rows written with literal keys before the dictionary existed.

const baseUrl = inject('baseUrl');
const otlpUrl = inject('otlpUrl');
const db = new pg.Client({ connectionString: inject('databaseUrl') });
beforeAll(() => db.connect());
afterAll(() => db.end());

const SERVICE = `keys-${randomHexId(4)}`;
const LONG_KEY = `app.${'very-long-segment.'.repeat(8)}end`; // > 128 characters: stored literally
// starts with the mark a dictionary key starts with, and too long for an id: stored escaped
const MARKED_KEY = `\u007fodd.${'x'.repeat(130)}`;
const str = (key: string, v: string) => ({ key, value: { stringValue: v } });

const tagsOf = async (traceId: string) => {
  const { data } = await (await fetch(`${baseUrl}/api/traces/${traceId}`)).json();
  return Object.fromEntries(data[0].spans[0].tags.map((t: { key: string; value: unknown }) => [t.key, t.value]));
};

const search = async (tags: Record<string, string>) => {
  const now = Date.now() * 1000;
  const url = `${baseUrl}/api/traces?service=${SERVICE}&tags=${encodeURIComponent(JSON.stringify(tags))}&start=${now - 3_600_000_000}&end=${now + 60_000_000}`;
  const { data } = await (await fetch(url)).json();
  return data.map((t: { traceID: string }) => t.traceID).sort();
};

test('keys are stored as short ids and read back, searched and suggested spelled out', async () => {
  const traceId = randomHexId(16);
  const attributes = [str('http.route', '/orders/{id}'), str('user.id', 'u-77'), str(LONG_KEY, 'long'), str(MARKED_KEY, 'marked')];
  expect((await postOtlpJson(otlpUrl, otlpRequest(SERVICE, [otlpSpan({ traceId, spanId: randomHexId(8), attributes })]))).status).toBe(200);

  // on disk: short keys by id, the long key and the marked key literally (the marked one escaped)
  const { rows } = await db.query(`SELECT attributes FROM spans WHERE trace_id = $1::uuid`, [traceId]);
  const stored = Object.keys(rows[0].attributes);
  const { rows: ids } = await db.query(`SELECT id, key FROM attribute_keys WHERE key = ANY($1::text[])`, [['http.route', 'user.id', LONG_KEY]]);
  expect(ids.map((r) => r.key).sort()).toEqual(['http.route', 'user.id']);
  expect(stored).toEqual(expect.arrayContaining(ids.map((r) => `\u007f${Number(r.id).toString(36)}`)));
  expect(stored).toContain(LONG_KEY);
  expect(stored).toContain(`\u007f${MARKED_KEY}`);
  const literal = JSON.stringify(Object.fromEntries(attributes.map((a) => [a.key, a.value.stringValue])));
  // without the order code, stored when the ids do not sort as the keys were sent (key-order.ts)
  const { rows: sizes } = await db.query(`SELECT pg_column_size(attributes - chr(127)) AS stored, pg_column_size($2::jsonb) AS literal FROM spans WHERE trace_id = $1::uuid`, [traceId, literal]);
  // "http.route" and "user.id" became the mark plus their id in base 36 (2 bytes while ids are
  // under 36, 3 once other tests have added keys), the escaped key took 1 more
  const saved = ids.reduce((n, r) => n + r.key.length - (1 + Number(r.id).toString(36).length), 0) - 1;
  expect(saved).toBeGreaterThanOrEqual(10);
  expect(sizes[0].stored).toBeLessThanOrEqual(sizes[0].literal - saved);

  expect(await tagsOf(traceId)).toMatchObject({ 'http.route': '/orders/{id}', 'user.id': 'u-77', [LONG_KEY]: 'long', [MARKED_KEY]: 'marked' });
  expect(await search({ 'user.id': 'u-77' })).toEqual([traceId]);
  expect(await search({ [LONG_KEY]: 'long', 'http.route': '/orders/{id}' })).toEqual([traceId]);
  expect(await search({ [MARKED_KEY]: 'marked' })).toEqual([traceId]);
  expect(await search({ 'user.id': 'u-78' })).toEqual([]);

  const { keys } = await (await fetch(`${baseUrl}/api/ui/attributes?service=${SERVICE}`)).json();
  expect(keys.filter((k: { source: string }) => k.source === 'span').map((k: { key: string }) => k.key).sort()).toEqual(
    ['http.route', 'user.id', LONG_KEY, MARKED_KEY].sort(),
  );
  const { values } = await (await fetch(`${baseUrl}/api/ui/attributes?service=${SERVICE}&key=user.id`)).json();
  expect(values).toEqual([{ value: 'u-77', count: 1 }]);
});

test('a span stored with literal keys (before the dictionary) reads, searches and suggests as before', async () => {
  const traceId = randomHexId(16);
  expect((await postOtlpJson(otlpUrl, otlpRequest(SERVICE, [otlpSpan({ traceId, spanId: randomHexId(8), attributes: [str('user.id', 'seed')] })]))).status).toBe(200);
  // rewrite that row as an older version stored it: the keys spelled out
  await db.query(`UPDATE spans SET attributes = $2::jsonb WHERE trace_id = $1::uuid`, [traceId, JSON.stringify({ 'user.id': 'u-legacy', 'legacy.only': 7 })]);

  expect(await tagsOf(traceId)).toMatchObject({ 'user.id': 'u-legacy', 'legacy.only': 7 });
  expect(await search({ 'user.id': 'u-legacy' })).toEqual([traceId]);
  expect(await search({ 'legacy.only': '7' })).toEqual([traceId]);
  const { values } = await (await fetch(`${baseUrl}/api/ui/attributes?service=${SERVICE}&key=user.id`)).json();
  expect(values.map((v: { value: string }) => v.value)).toContain('u-legacy');
  const { keys } = await (await fetch(`${baseUrl}/api/ui/attributes?service=${SERVICE}`)).json();
  const userId = keys.filter((k: { key: string }) => k.key === 'user.id');
  expect(userId).toHaveLength(1); // one entry, counted over both stored forms
  expect(userId[0].count).toBeGreaterThanOrEqual(2);
});
