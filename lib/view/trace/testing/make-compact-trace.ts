import type { CompactSpan, CompactTrace } from '@/lib/api/pages/compact-trace';

export type SpanSpec = { id: string; parent?: string; name?: string; service?: string; start: number; duration: number; error?: boolean; kind?: number; attrs?: CompactSpan['a'] };

/** A small CompactTrace for tests: one resource per service, names dictionary-encoded. */
export const makeCompactTrace = (specs: SpanSpec[]): CompactTrace => {
  const strings: string[] = [''];
  const index = new Map([['', 0]]);
  const str = (s: string) => index.get(s) ?? (index.set(s, strings.push(s) - 1), strings.length - 1);
  const services = [...new Set(specs.map((s) => s.service ?? 'svc'))];
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    startUs: 1_700_000_000_000_000,
    startNs: '1700000000000000000',
    strings,
    resources: services.map((name) => ({ s: str(name), a: { 'service.name': name } })),
    scopes: [{ n: 0, v: 0 }],
    spans: specs.map((s) => ({
      i: s.id,
      ...(s.parent ? { p: s.parent } : {}),
      n: str(s.name ?? `op-${s.id}`),
      k: s.kind ?? 1,
      r: services.indexOf(s.service ?? 'svc'),
      c: 0,
      s: s.start,
      d: s.duration,
      ...(s.error ? { st: 2 } : {}),
      a: s.attrs ?? {},
    })),
  };
};
