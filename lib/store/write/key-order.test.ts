import { describe, expect, it } from 'vitest';
import { compareJsonbKeys, elementsInOrder, elementsWithOrder, inClientOrder, ORDER_KEY, orderCode, spanAttributesInOrder } from './key-order';

/** What jsonb does to an object: keys re-sorted, shorter first, then bytewise. */
const asJsonb = <V>(o: Record<string, V>): Record<string, V> =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => compareJsonbKeys(a, b)));

describe('attribute key order', () => {
  it('sorts as jsonb does: by byte length, then by bytes', () => {
    expect(['zeta', 'a', 'mid', 'http.method', 'ab', 'aa'].sort(compareJsonbKeys)).toEqual(['a', 'aa', 'ab', 'mid', 'zeta', 'http.method']);
    // "é" is 2 bytes in UTF-8, so it sorts after any 1-byte key although it is 1 UTF-16 unit
    expect(['é', 'zz', 'z'].sort(compareJsonbKeys)).toEqual(['z', 'zz', 'é']);
    // beyond the BMP (4 bytes) after U+FFFD (3 bytes) in jsonb, before it in UTF-16 order
    expect(['😀', '\ufffd'].sort(compareJsonbKeys)).toEqual(['\ufffd', '😀']);
  });

  it('stores nothing when the client order is jsonb order', () => {
    expect(orderCode([])).toBeUndefined();
    expect(orderCode(['a'])).toBeUndefined();
    expect(orderCode(['a', 'mid', 'zeta', 'http.method'])).toBeUndefined();
  });

  it('codes each key by its position in jsonb order', () => {
    // jsonb order: a, mid, zeta, http.method
    expect(orderCode(['zeta', 'a', 'mid', 'http.method'])).toBe('2013');
  });

  it('gives keys back in the order they were sent, for short and long lists', () => {
    const orders = [
      ['zeta', 'a', 'mid', 'http.method'],
      ['é', 'z', 'ä.b', 'a'],
      Array.from({ length: 40 }, (_, i) => `key.${(40 - i) * 7}`), // two-digit positions
      Array.from({ length: 1300 }, (_, i) => `k${(i * 7919) % 1300}`), // three-digit positions
    ];
    for (const keys of orders) {
      const sent = Object.fromEntries(keys.map((k, i) => [k, i]));
      const code = orderCode(keys);
      expect(code).toBeDefined();
      expect(Object.keys(inClientOrder(asJsonb(sent), code))).toEqual(keys);
    }
  });

  it('reads span attributes without the order key, renaming keys', () => {
    const stored = { ...asJsonb({ b: 1, a: 2 }), [ORDER_KEY]: orderCode(['b', 'a'])! };
    expect(Object.entries(spanAttributesInOrder(stored, (k) => k.toUpperCase()))).toEqual([['B', 1], ['A', 2]]);
    expect(Object.entries(spanAttributesInOrder({ a: 1, b: 2 }))).toEqual([['a', 1], ['b', 2]]);
  });

  it('leaves jsonb order when a code does not fit the keys', () => {
    expect(Object.keys(inClientOrder({ a: 1, b: 2 }, '1'))).toEqual(['a', 'b']);
    expect(Object.keys(inClientOrder({ a: 1, b: 2 }, '1z'))).toEqual(['a', 'b']);
  });

  it('keeps a __proto__ key as an attribute', () => {
    const stored = JSON.parse('{"a":1,"__proto__":2}') as Record<string, number>;
    const out = inClientOrder(stored, orderCode(['__proto__', 'a']));
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.entries(out)).toEqual([['__proto__', 2], ['a', 1]]);
  });

  it('codes events and links only where needed and reads them back', () => {
    const events: { t: string; n: string; a?: Record<string, number> }[] = [
      { t: '1', n: 'in order', a: { a: 1, b: 2 } },
      { t: '2', n: 'no attributes' },
      { t: '3', n: 'out of order', a: { zeta: 1, a: 2, mid: 3 } },
    ];
    const inOrder = events.slice(0, 2);
    expect(elementsWithOrder(inOrder)).toBe(inOrder); // nothing to add: the same array, no copy
    const stored = elementsWithOrder(events);
    expect(stored.map((e) => (e as { o?: string }).o)).toEqual([undefined, undefined, '201']);
    expect(events[2]).not.toHaveProperty('o'); // the record is not changed
    const read = elementsInOrder(stored.map((e) => ({ ...e, ...(e.a ? { a: asJsonb(e.a) } : {}) })));
    expect(read).toEqual(events);
    expect(read.map((e) => Object.keys(e.a ?? {}))).toEqual([['a', 'b'], [], ['zeta', 'a', 'mid']]);
  });
});
