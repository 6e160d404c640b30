/**
 * Span attribute keys as stored in spans.attributes. The same few dozen keys
 * ("http.response.status_code", "db.statement", …) repeat in every span, and spelled out they
 * were a quarter of a span's bytes; so each key gets a small id in the attribute_keys table and
 * is stored as a mark plus the id in base 36 ("\u007f" + "1z"): 2–4 bytes instead of 10–30.
 * The mark (DEL) needs no escaping in JSON or in COPY text, and no key in practice starts with it.
 *
 *   dictionary key       -> "\u007f" + id.toString(36)
 *   literal key k        -> k, or "\u007f" + k when k itself starts with the mark
 *
 * A key is stored literally when the dictionary is full or the key is too long to be worth an
 * id (keys made of data, such as "order.item.8812", must not grow the table without end), and
 * rows written before the dictionary existed hold literal keys; both forms decode, and a search
 * asks for both (lib/store/read/filter-condition-sql.ts). Only top-level span attribute keys are coded:
 * kvlist values, events, links, resources and scopes keep theirs.
 */
export const KEY_MARK = '\u007f';

/** The dictionary stops growing at this many keys; later new keys are stored literally. */
export const MAX_DICTIONARY_KEYS = 50_000;
/** Longer keys are stored literally. */
export const MAX_DICTIONARY_KEY_LENGTH = 128;

export const dictionaryKey = (id: number): string => KEY_MARK + id.toString(36);

export const literalKey = (key: string): string => (key.startsWith(KEY_MARK) ? KEY_MARK + key : key);

/** What a stored key says: a dictionary id, or a literal key. */
export const parseStoredKey = (stored: string): { id: number } | { key: string } => {
  if (!stored.startsWith(KEY_MARK)) return { key: stored };
  if (stored.startsWith(KEY_MARK, 1)) return { key: stored.slice(1) };
  return { id: parseInt(stored.slice(1), 36) };
};
