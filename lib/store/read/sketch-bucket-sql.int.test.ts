import pg from 'pg';
import { afterAll, expect, inject, test } from 'vitest';
import { SKETCH_GAMMA, SKETCH_MAX_RELATIVE_ERROR, sketchBucketOf, sketchValueOf } from '@/lib/model/latency-sketch';
import { sketchBucketSql } from './tally-sketch-rows';

// Raw span analytics buckets durations in SQL (sketchBucketSql), the rollups in JavaScript
// (sketchBucketOf): the same ids, so both answers read the same percentiles. Off by one only on a
// bucket's very edge (PostgreSQL's ln and V8's may differ in the last bit), where either bucket's
// value is still within the sketch's bound of the duration.

const pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 1 });
afterAll(() => pool.end());

test('the SQL bucket of a duration is the JavaScript one', async () => {
  const durations: number[] = [-5, 0, 1, 2, 500, 1022, 1023, 1024, 1025, 2 ** 40, 2 ** 53 - 1];
  for (let k = 190; k < 1100; k += 1) {
    const edge = Math.round(SKETCH_GAMMA ** k);
    durations.push(edge - 1, edge, edge + 1);
  }
  let seed = 7;
  for (let i = 0; i < 5000; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    durations.push(Math.floor((seed / 2 ** 31) ** 4 * 1e12));
  }
  const kept = durations.filter((d) => Number.isSafeInteger(d));
  const { rows } = await pool.query<{ d: string; b: number }>(`SELECT d::text, ${sketchBucketSql('d')} AS b FROM unnest($1::int8[]) d`, [kept.map(String)]);
  expect(rows).toHaveLength(kept.length);
  let differ = 0;
  for (const { d, b } of rows) {
    const ns = Number(d);
    const js = sketchBucketOf(ns);
    if (b !== js) {
      differ++;
      expect(Math.abs(b - js), d).toBe(1);
      expect(Math.abs(Number(sketchValueOf(b)) - ns) / ns, d).toBeLessThanOrEqual(SKETCH_MAX_RELATIVE_ERROR);
    }
  }
  expect(differ).toBeLessThan(kept.length / 100);
});
