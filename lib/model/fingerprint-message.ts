// Groups exception messages that differ only in their data: "order 123 not found" and "order 456
// not found" are one group. The fingerprint is the message with its variable parts masked, so it
// also reads as the group's template. Masked, in this order (a quoted value may hold anything, a
// uuid holds hex and digits, a hex run holds digits):
//   quoted values  "…", '…', `…`         -> "<str>"
//   uuids          8-4-4-4-12 hex         -> <uuid>
//   hex            0x…, or a run of 8+ hex digits with a digit in it  -> <hex>
//   numbers        123, -4.5, 1e9          -> <num>
// Whitespace runs become one space, and the result is cut at MAX_FINGERPRINT_LENGTH characters
// (a fingerprint names a group; the example message keeps the whole text).

export const MAX_FINGERPRINT_LENGTH = 256;

const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g;
const UUID = /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g;
const HEX_PREFIXED = /\b0[xX][0-9a-fA-F]+\b/g;
const HEX_RUN = /\b(?=[0-9a-fA-F]*\d)[0-9a-fA-F]{8,}\b/g;
const NUMBER = /[-+]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?/g;

/** The message with its numbers, ids, hex and quoted values masked. */
export const fingerprintMessage = (message: string): string =>
  message
    .replace(QUOTED, '"<str>"')
    .replace(UUID, '<uuid>')
    .replace(HEX_PREFIXED, '<hex>')
    .replace(HEX_RUN, '<hex>')
    .replace(NUMBER, '<num>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_FINGERPRINT_LENGTH);
