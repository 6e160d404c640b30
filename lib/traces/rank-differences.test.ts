import { describe, expect, test } from 'vitest';
import { rankDifferences } from './rank-differences';

describe('rankDifferences', () => {
  test('over-represented values first, with both percentages; under-represented ones left out', () => {
    const out = rankDifferences(
      [
        { key: 'span.tier', value: 'free', selected: 9, rest: 10 },
        { key: 'span.tier', value: 'paid', selected: 1, rest: 90 },
        { key: 'service', value: 'db', selected: 10, rest: 50 },
        { key: 'span.region', value: 'eu', selected: 0, rest: 5 },
      ],
      10,
      100,
    );
    expect(out.map((d) => [d.key, d.value, d.selectedPct, d.restPct])).toEqual([
      ['span.tier', 'free', 90, 10],
      ['service', 'db', 100, 50],
    ]);
  });
  test('an empty rest: every selected value is 100 % against 0 %', () => {
    expect(rankDifferences([{ key: 'k', value: 'v', selected: 2, rest: 0 }], 2, 0)).toEqual([{ key: 'k', value: 'v', selected: 2, rest: 0, selectedPct: 100, restPct: 0 }]);
  });
});
