import { listServices } from '../lib/store/list-services';

export const dynamic = 'force-dynamic';

// The landing page: what has been received so far, and where exporters should point.
export default async function HomePage() {
  const services = await listServices();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <section>
        <h1 className="text-2xl font-semibold">Services</h1>
        {services.length === 0 ? (
          <p className="mt-2 text-slate-600" data-testid="no-services">
            No spans received yet. Point an OpenTelemetry exporter at <code>http://&lt;host&gt;:4318/v1/traces</code>.
          </p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-200 bg-white" data-testid="service-list">
            {services.map((name) => (
              <li key={name} className="px-4 py-2 font-mono text-sm" data-testid="service-item">
                {name}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
