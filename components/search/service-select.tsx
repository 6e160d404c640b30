import { useServices } from '@/lib/client/search-queries';
import { serviceColor } from '@/lib/view/format/service-color';
import { Combobox } from '@/components/ui/combobox';

/** The service dropdown, searchable; the empty value searches every service. */
export function ServiceSelect({ value, onChange }: { value: string; onChange: (service: string) => void }) {
  const services = useServices();
  const names = services.data ?? [];
  // a service from a shared link stays selectable even before (or without) the list
  const all = value !== '' && !names.includes(value) ? [value, ...names] : names;
  const options = [
    { value: '', label: 'All services' },
    ...all.map((name) => ({ value: name, label: name, color: serviceColor(name) })),
  ];
  return <Combobox id="service" testId="service-select" value={value} options={options} onChange={onChange} placeholder="All services" />;
}
