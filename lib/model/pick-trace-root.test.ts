import { describe, expect, it } from 'vitest';
import { pickTraceRoot } from './pick-trace-root';

const span = (spanId: string, parentSpanId: string, startNs: bigint) => ({ spanId, parentSpanId, startNs });

describe('pickTraceRoot', () => {
  it('takes the earliest span without a parent, wherever it stands', () => {
    const root = span('b', '', 20n);
    expect(pickTraceRoot([span('c', 'b', 10n), root, span('a', '', 30n)])).toEqual({ span: root, rule: 1 });
  });

  it('while the root is missing, takes the earliest span whose parent is not in the trace', () => {
    const orphan = span('b', 'missing', 20n);
    const result = pickTraceRoot([span('c', 'b', 10n), orphan, span('d', 'gone', 30n)]);
    expect(result).toEqual({ span: orphan, rule: 2 });
  });

  it('with every parent present (a cycle), takes the earliest span; ties go to the lower span id', () => {
    const spans = [span('b', 'a', 10n), span('a', 'b', 10n)];
    expect(pickTraceRoot(spans)).toEqual({ span: spans[1], rule: 3 });
  });

  it('judges "parent in the trace" against the ids given, not only the spans passed', () => {
    expect(pickTraceRoot([span('c', 'b', 10n)], new Set(['b', 'c'])).rule).toBe(3);
  });

  it('refuses an empty trace', () => {
    expect(() => pickTraceRoot([])).toThrow(RangeError);
  });
});
