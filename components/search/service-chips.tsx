import type { TraceHit } from '@/lib/api/pages/trace-hit';
import { serviceColor } from '@/lib/view/format/service-color';

/** One chip per service of a trace, in its stable colour, with its span count (and errors). */
export function ServiceChips({ services }: { services: TraceHit['services'] }) {
  return (
    <>
      {services.map((s) => (
        <span
          key={s.name}
          data-testid="service-chip"
          className="inline-flex items-center gap-1 rounded border bg-white px-1.5 py-0.5 text-slate-700"
          style={{ borderColor: serviceColor(s.name), boxShadow: `inset 3px 0 0 ${serviceColor(s.name)}` }}
        >
          <span className="pl-0.5">{s.name}</span>
          <span className="text-slate-500">{s.spanCount}</span>
          {s.errorSpanCount > 0 && <span className="text-red-700">!{s.errorSpanCount}</span>}
        </span>
      ))}
    </>
  );
}
