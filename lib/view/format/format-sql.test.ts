import { describe, expect, it } from 'vitest';
import { formatSql } from './format-sql';

describe('formatSql', () => {
  it('puts each clause on its own line and each condition one step in', () => {
    expect(formatSql('SELECT id, total FROM orders o JOIN users u ON u.id = o.user_id WHERE o.status = $1 AND u.tier = \'gold\' ORDER BY total DESC LIMIT 20')).toBe(
      ['SELECT id, total', 'FROM orders o', 'JOIN users u', 'ON u.id = o.user_id', 'WHERE o.status = $1', "  AND u.tier = 'gold'", 'ORDER BY total DESC', 'LIMIT 20'].join('\n'),
    );
  });

  it('indents a subquery and keeps BETWEEN … AND together', () => {
    expect(formatSql('select * from t where a between 1 and 5 and b in (select id from s where x = 1)')).toBe(
      ['select *', 'from t', 'where a between 1 and 5', '  and b in (', '    select id', '    from s', '    where x = 1', '  )'].join('\n'),
    );
  });

  it('never touches strings, quoted names or comments, even when they hold keywords', () => {
    const out = formatSql(`SELECT 'from  where' AS "order by", x -- where  and\nFROM t`)!;
    expect(out).toContain(`'from  where'`);
    expect(out).toContain(`"order by"`);
    expect(out).toContain('-- where  and');
    expect(out.split('\n')[0]).toBe(`SELECT 'from  where' AS "order by", x -- where  and`);
  });

  it('changes only whitespace', () => {
    const sql = 'INSERT INTO orders (id, total) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET total = excluded.total RETURNING id';
    expect(formatSql(sql)!.replace(/\s+/g, ' ')).toBe(sql);
  });

  it('leaves what is not SQL alone', () => {
    expect(formatSql('GET user:42')).toBeUndefined();
    expect(formatSql('{"find":"orders"}')).toBeUndefined();
  });
});
