import { expect, test } from 'vitest';
import { parseTraceQL } from './parse-traceql';
import { parseGroupKey } from './parse-group-key';
import { toSpanCondition } from './to-span-condition';
import { isRollupAnswerable } from './is-rollup-answerable';

const where = (q: string) => {
  const parsed = parseTraceQL(q);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const c = toSpanCondition(parsed.filter);
  if (!c.ok) throw new Error(c.message);
  return c.where;
};
const keys = (...k: string[]) => k.map((t) => { const p = parseGroupKey(t); if (!p.ok) throw new Error(p.message); return p.operand; });

test.each([
  ['{ }', ['resource.service.name', 'name'], true],
  ['{ resource.service.name = "a" && status = error }', ['name', 'kind'], true],
  ['{ kind = server || name =~ "GET.*" }', ['status'], true],
  ['{ }', ['span.http.route'], false],
  ['{ duration > 10ms }', ['name'], false],
  ['{ span.tenant = "x" }', ['name'], false],
  ['{ event:name = "exception" }', ['name'], false],
])('%s grouped by %j: rollups %s', (q, k, expected) => {
  expect(isRollupAnswerable(where(q), keys(...k))).toBe(expected);
});
