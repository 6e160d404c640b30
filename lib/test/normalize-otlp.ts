// Brings two OTLP/JSON documents to one comparable form, as Jaeger's trace comparator does
// before comparing: each span carries its own resource and scope, attributes are sorted by key,
// events and links are sorted, and empty values (absent, "", 0, {}, []) are dropped, since OTLP
// JSON treats a missing field and its default alike.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isEmpty = (v: Json | undefined) =>
  v === undefined || v === null || v === '' || v === 0 || (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

const sortKeyValues = (list: Json | undefined): Json =>
  Array.isArray(list)
    ? [...list]
        .map((kv) => clean(kv))
        .sort((a, b) => String((a as { key: string }).key).localeCompare(String((b as { key: string }).key)))
    : [];

/** Drops empty fields recursively; sorts any `attributes` list by key; ids lower-case. */
const clean = (v: Json): Json => {
  if (Array.isArray(v)) return v.map(clean);
  if (v === null || typeof v !== 'object') return v;
  const out: { [k: string]: Json } = {};
  for (const key of Object.keys(v).sort()) {
    let value = v[key];
    if (key === 'attributes' || key === 'values') value = key === 'attributes' ? sortKeyValues(value) : clean(value);
    else if (['traceId', 'spanId', 'parentSpanId'].includes(key) && typeof value === 'string') value = value.toLowerCase();
    else if (['intValue', 'startTimeUnixNano', 'endTimeUnixNano', 'timeUnixNano'].includes(key)) value = String(value);
    else value = clean(value);
    if (!isEmpty(value)) out[key] = value;
  }
  return out;
};

const sortBy = (list: Json[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** Flattens resourceSpans to one sorted list of spans, each with its resource, scope and schema URLs. */
export const normalizeOtlp = (doc: { resourceSpans?: Json[] }): Json[] => {
  const spans: Json[] = [];
  for (const rs of (doc.resourceSpans ?? []) as { [k: string]: Json }[]) {
    for (const ss of (rs.scopeSpans ?? []) as { [k: string]: Json }[]) {
      for (const span of (ss.spans ?? []) as { [k: string]: Json }[]) {
        const s = clean(span) as { [k: string]: Json };
        if (Array.isArray(s.events)) s.events = sortBy(s.events);
        if (Array.isArray(s.links)) s.links = sortBy(s.links);
        spans.push(
          clean({
            span: s,
            resource: rs.resource ?? {},
            resourceSchemaUrl: rs.schemaUrl ?? '',
            scope: ss.scope ?? {},
            scopeSchemaUrl: ss.schemaUrl ?? '',
          }),
        );
      }
    }
  }
  return sortBy(spans);
};
