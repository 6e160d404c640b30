// `q` of the tag endpoints: the service the query names, to scope suggestions to.
// TODO(wire): parse with lib/filter/parse-traceql.ts once it is merged; until then `q` narrows nothing.
export const serviceOfQuery = (q: string | null): string | undefined => (q ? undefined : undefined);
