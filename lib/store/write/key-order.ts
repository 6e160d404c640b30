import { setAttribute } from '@/lib/model/conventions';
import { KEY_MARK } from './stored-keys';

/**
 * The order a client sent attributes in, kept although jsonb forgets it: jsonb holds an object's
 * keys sorted, shorter first and then bytewise (PostgreSQL's lengthCompareJsonbString), and gives
 * them back in that order. When a client's order differs, the writer stores an order code: for
 * each key in the client's order, its position among the keys in jsonb order, in base 36 at a
 * fixed width (1 digit up to 36 keys, 2 up to 1,296, 3 beyond). Readers put the keys back in
 * that order. Keys already in jsonb order store nothing, so most spans cost no byte more.
 *
 * Where a code lives, chosen so that no reader of keys or values ever meets it:
 *  - span attributes: inside spans.attributes under ORDER_KEY, the bare key mark, which no stored
 *    key form can be (lib/store/write/stored-keys.ts: a dictionary key has digits after the mark,
 *    a literal key starting with the mark gets a second one), so no key lookup can ask for it;
 *    the readers that list every key skip it (ORDER_KEY_SQL);
 *  - events and links: in the element's own field `o`, beside its attributes `a`;
 *  - resources and scopes: their attributes_order column.
 * spans has no column to spare (the COPY width is part of ingest's cost), the other places do.
 */
export const ORDER_KEY = KEY_MARK;
/** ORDER_KEY as an SQL expression, for the readers that list a span's keys. */
export const ORDER_KEY_SQL = 'chr(127)';

const ASCII = /^[\x00-\x7f]*$/;

export const isAscii = (s: string): boolean => ASCII.test(s);

/** jsonb's order of two ASCII keys: length, then characters (which are the bytes). */
const compareAsciiKeys = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** The order jsonb keeps keys in: byte length, then bytes (JS compares UTF-16 units, which differ beyond ASCII). */
export const compareJsonbKeys = (a: string, b: string): number => {
  if (ASCII.test(a) && ASCII.test(b)) return compareAsciiKeys(a, b);
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length - y.length || Buffer.compare(x, y);
};

const widthFor = (n: number): number => {
  let width = 1;
  for (let max = 36; max < n; max *= 36) width++;
  return width;
};

/** The order code of keys listed in the client's order, or undefined when they are in jsonb order. */
export const orderCode = (keys: string[]): string | undefined => {
  let inOrder = true;
  for (let i = 1; i < keys.length && inOrder; i++) inOrder = compareJsonbKeys(keys[i - 1], keys[i]) < 0;
  return inOrder ? undefined : codeOf(keys);
};

/**
 * The order code of keys whose jsonb order is known to differ from theirs. `allAscii` when the
 * caller knows (dictionary keys are): the plain comparison then serves, measured ~3x faster.
 */
export const codeOf = (keys: string[], allAscii = keys.every(isAscii)): string => {
  const compare = allAscii ? compareAsciiKeys : compareJsonbKeys;
  const sorted = keys.map((_, i) => i).sort((i, j) => compare(keys[i], keys[j]));
  const position = new Array<number>(keys.length);
  for (let rank = 0; rank < sorted.length; rank++) position[sorted[rank]] = rank;
  const width = widthFor(keys.length);
  let code = '';
  for (const rank of position) code += width === 1 ? rank.toString(36) : rank.toString(36).padStart(width, '0');
  return code;
};

/**
 * An object with its keys in the client's order (code from orderCode; without one, as read),
 * renamed by `rename`, without ORDER_KEY. A code that does not fit the keys (it cannot happen
 * unless a row was edited by hand) leaves jsonb's order.
 */
export const inClientOrder = <V>(stored: Record<string, V>, code: string | undefined, rename: (key: string) => string = (k) => k): Record<string, V> => {
  const out: Record<string, V> = {};
  const keys = Object.keys(stored).filter((k) => k !== ORDER_KEY);
  // JSON.parse lists integer-like keys first whatever the text's order: sort to jsonb's order again
  if (code !== undefined) keys.sort(compareJsonbKeys);
  const width = widthFor(keys.length);
  const fits = code !== undefined && code.length === keys.length * width;
  for (let i = 0; i < keys.length; i++) {
    const key = fits ? keys[parseInt(code.slice(i * width, (i + 1) * width), 36)] : keys[i];
    if (key === undefined) return inClientOrder(stored, undefined, rename);
    setAttribute(out as Record<string, never>, rename(key), stored[key] as never);
  }
  return out;
};

/** Span attributes as stored (with their ORDER_KEY code, if any) in the client's order. */
export const spanAttributesInOrder = <V>(stored: Record<string, V>, rename?: (key: string) => string): Record<string, V> => {
  const code = stored[ORDER_KEY];
  return inClientOrder(stored, typeof code === 'string' ? code : undefined, rename);
};

type WithAttributes = { a?: Record<string, unknown>; o?: string };

/** Events or links as stored, with `o` folded back into the order of `a`. */
export const elementsInOrder = <E extends WithAttributes>(elements: E[]): E[] =>
  elements.map((e) => {
    if (e.o === undefined) return e;
    const { o, ...rest } = e;
    return { ...rest, ...(rest.a ? { a: inClientOrder(rest.a, o) } : {}) } as E;
  });

/** Events or links to store: those whose attributes are out of jsonb order get their code in `o`. */
export const elementsWithOrder = <E extends WithAttributes>(elements: E[]): E[] => {
  let out: E[] | undefined;
  for (let i = 0; i < elements.length; i++) {
    const a = elements[i].a;
    const code = a === undefined ? undefined : orderCode(Object.keys(a));
    if (code === undefined) continue;
    out ??= elements.slice();
    out[i] = { ...elements[i], o: code };
  }
  return out ?? elements;
};
