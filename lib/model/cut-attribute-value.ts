// Trace reads cut attribute values over QUERY_ATTRIBUTE_VALUE_LENGTH characters (in PostgreSQL,
// lib/store/read/get-traces.ts) and end what is left with this marker, so every client sees that
// a value was cut; the UI recognises it and offers the whole value
// (GET /api/ui/traces/{traceId}/spans/{spanId}/attribute?key=).

/** Ends a cut string value: `…[cut: 1048576 characters in all]`, or replaces a cut non-string value. */
export const CUT_MARKER_PATTERN = /…\[cut: (?:\d+ characters|a value of \d+ bytes) in all\]$/;

/** Whether a displayed attribute value is a cut one. */
export const isCutValue = (value: unknown): boolean => typeof value === 'string' && CUT_MARKER_PATTERN.test(value);

/** The length in characters of the whole value a cut string value came from, or undefined (not cut, or not a string). */
export const cutValueTotal = (value: string): number | undefined => {
  const m = /…\[cut: (\d+) characters in all\]$/.exec(value);
  return m ? Number(m[1]) : undefined;
};
