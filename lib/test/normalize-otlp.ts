// Brings two OTLP/JSON documents to one comparable form, as Jaeger's trace comparator does
// before comparing: each span carries its own resource and scope, attributes are sorted by key
// (unless asked to keep their order), events and links are sorted, and empty values (absent, "", 0, {}, []) are dropped, since OTLP
// JSON treats a missing field and its default alike.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isEmpty = (v: Json | undefined) =>
  v === undefined || v === null || v === '' || v === 0 || (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

const sortKeyValues = (list: Json | undefined, keepOrder: boolean): Json =>
  Array.isArray(list)
    ? keepOrder
      ? list.map((kv) => cleanWith(kv, keepOrder))
      : [...list]
          .map((kv) => cleanWith(kv, keepOrder))
          .sort((a, b) => String((a as { key: string }).key).localeCompare(String((b as { key: string }).key)))
    : [];

/** Drops empty fields recursively; sorts any `attributes` list by key unless `keepOrder`; ids lower-case. */
const cleanWith = (v: Json, keepOrder: boolean): Json => {
  if (Array.isArray(v)) return v.map((x) => cleanWith(x, keepOrder));
  if (v === null || typeof v !== 'object') return v;
  const out: { [k: string]: Json } = {};
  for (const key of Object.keys(v).sort()) {
    let value = v[key];
    if (key === 'attributes' || key === 'values') value = key === 'attributes' ? sortKeyValues(value, keepOrder) : cleanWith(value, keepOrder);
    else if (['traceId', 'spanId', 'parentSpanId'].includes(key) && typeof value === 'string') value = value.toLowerCase();
    else if (['intValue', 'startTimeUnixNano', 'endTimeUnixNano', 'timeUnixNano'].includes(key)) value = String(value);
    else value = cleanWith(value, keepOrder);
    if (!isEmpty(value)) out[key] = value;
  }
  return out;
};

const sortBy = (list: Json[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/**
 * Flattens resourceSpans to one sorted list of spans, each with its resource, scope and schema URLs.
 * `keepAttributeOrder`: attribute lists stay in the order sent, stricter than Jaeger's comparator
 * (Spanscope gives attributes back in the order the client sent them).
 */
export const normalizeOtlp = (doc: { resourceSpans?: Json[] }, { keepAttributeOrder = false } = {}): Json[] => {
  const clean = (v: Json) => cleanWith(v, keepAttributeOrder);
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
