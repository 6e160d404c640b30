// The compare page's address: /compare/{A}...{B}, B being a trace or `baseline` (the typical
// trace of A's root operation). Each side is whatever the lookup box takes, so it is split on
// the last `...` (a pasted header line may hold dots, never three in a row at its end).

export const BASELINE = 'baseline';

/** The two sides of `A...B` (URL-decoded), or undefined when there is no separator or a side is empty. */
export const splitComparePair = (text: string): { a: string; b: string } | undefined => {
  const at = text.lastIndexOf('...');
  if (at < 0) return undefined;
  const a = text.slice(0, at).trim();
  const b = text.slice(at + 3).trim();
  return a && b ? { a, b } : undefined;
};

/** The compare page of two trace ids (or a trace and its baseline). */
export const comparePath = (a: string, b: string) => `/compare/${encodeURIComponent(a)}...${encodeURIComponent(b)}`;
