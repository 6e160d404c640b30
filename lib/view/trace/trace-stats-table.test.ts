import { describe, expect, it } from 'vitest';
import { sortStatsTable, toStatsTable } from './trace-stats-table';

const rows = [
  { service: 'db', operation: 'SELECT', count: 2, totalNs: '50000', selfNs: '50000' },
  { service: 'web', operation: 'GET /', count: 1, totalNs: '100000', selfNs: '40000' },
  { service: 'web', operation: 'cache', count: 3, totalNs: '9000', selfNs: '6000' },
];

describe('toStatsTable', () => {
  it('per service + operation: count, total, average, self, share of the trace', () => {
    const [db] = toStatsTable(rows, 'operation', 100);
    expect(db).toMatchObject({ service: 'db', operation: 'SELECT', count: 2, totalUs: 50, avgUs: 25, selfUs: 50, selfAvgUs: 25, share: 0.5 });
  });

  it('per service adds the operations up', () => {
    const web = toStatsTable(rows, 'service', 100).find((r) => r.service === 'web');
    expect(web).toMatchObject({ operation: '', count: 4, totalUs: 109, avgUs: 27.25, selfUs: 46, share: 0.46 });
  });

  it('keeps the groups apart', () => {
    const grouped = [{ ...rows[0], group: '200' }, { ...rows[0], group: null }];
    expect(toStatsTable(grouped, 'service', 100).map((r) => [r.group, r.count])).toEqual([['200', 2], [null, 2]]);
  });
});

describe('sortStatsTable', () => {
  const table = toStatsTable(rows, 'operation', 100);
  const order = (column: Parameters<typeof sortStatsTable>[1]['column'], descending: boolean) => sortStatsTable(table, { column, descending }).map((r) => r.operation);

  it('sorts by a number column either way', () => {
    expect(order('count', true)).toEqual(['cache', 'SELECT', 'GET /']);
    expect(order('totalUs', false)).toEqual(['cache', 'SELECT', 'GET /']);
    expect(order('selfUs', true)).toEqual(['SELECT', 'GET /', 'cache']);
  });

  it('sorts by a text column, ties by service then operation', () => {
    expect(order('service', false)).toEqual(['SELECT', 'GET /', 'cache']);
    expect(order('service', true)).toEqual(['GET /', 'cache', 'SELECT']);
  });
});
