import { expect, test } from 'vitest';
import { copyRowsBuffer } from './copy-text';

// copyRowsBuffer writes rows in pieces; the bytes must be exactly the rows joined by newlines,
// ended by one, whatever the rows' sizes and characters (UTF-8 of 1 to 4 bytes).

const joined = (rows: string[]) => Buffer.from(rows.map((r) => `${r}\n`).join(''), 'utf8');

test('the same bytes as the rows joined, for small, huge and multi-byte rows', () => {
  const cases: string[][] = [
    ['one'],
    Array.from({ length: 5_000 }, (_, i) => `${i}\tspan-é-${'x'.repeat(i % 300)}\t{"k":"😀${i}"}`),
    ['small', 'ü'.repeat(1 << 20), 'between', 'x'.repeat(70_000), '末尾'],
    Array.from({ length: 19 }, (_, i) => `${i}\t${'ab'.repeat(1 << 19)}`),
  ];
  for (const rows of cases) expect(copyRowsBuffer(rows).equals(joined(rows))).toBe(true);
});

test('no rows, no bytes', () => {
  expect(copyRowsBuffer([]).length).toBe(0);
});
