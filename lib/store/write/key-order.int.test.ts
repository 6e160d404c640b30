import pg from 'pg';
import { afterAll, expect, inject, test } from 'vitest';
import { compareJsonbKeys, ORDER_KEY } from './key-order';
import { dictionaryKey, literalKey } from './stored-keys';

// The writer predicts the order PostgreSQL will give a jsonb object's keys back in; a wrong
// prediction would store a wrong order code. Checked against PostgreSQL itself.

const pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 1 });
afterAll(() => pool.end());

const jsonbOrder = async (keys: string[]): Promise<string[]> => {
  const { rows } = await pool.query<{ keys: string[] }>(`SELECT ARRAY(SELECT jsonb_object_keys($1::jsonb)) AS keys`, [JSON.stringify(Object.fromEntries(keys.map((k, i) => [k, i])))]);
  return rows[0].keys;
};

test('compareJsonbKeys sorts keys as jsonb does', async () => {
  const keys = [
    'zeta', 'a', 'mid', 'http.method', 'ab', 'aa', 'B', 'b', '', ' ', '~', '10', '9', '010',
    'é', 'e', 'zz', 'ä.b', '😀', '\ufffd', '\u00ff', 'Ω', '日本', '\u007f', '\u007f\u007fx',
    dictionaryKey(1), dictionaryKey(35), dictionaryKey(36), dictionaryKey(1295), dictionaryKey(1296), literalKey('\u007fq'),
  ];
  expect([...keys].sort(compareJsonbKeys)).toEqual(await jsonbOrder(keys));
});

test('the order key is a key no stored attribute key can be', () => {
  expect(ORDER_KEY).toBe('\u007f');
  for (const id of [0, 1, 35, 36, 49_999]) expect(dictionaryKey(id)).not.toBe(ORDER_KEY);
  expect(literalKey(ORDER_KEY)).not.toBe(ORDER_KEY);
});
