import { useServices } from '@/lib/client/search-queries';
import { serviceColor } from '@/lib/view/format/service-color';
import { Combobox } from '@/components/ui/combobox';

type ServiceSelectProps = {
  value: string;
  onChange: (service: string) => void;
  /** the input's id (for its label) and test id; the span's service by default, e.g. "rootService" for the root's */
  id?: string;
  testId?: string;
  anyLabel?: string;
};

/** A service dropdown, searchable; the empty value searches every service. */
export function ServiceSelect({ value, onChange, id = 'service', testId = 'service-select', anyLabel = 'All services' }: ServiceSelectProps) {
  const services = useServices();
  const names = services.data ?? [];
  // a service from a shared link stays selectable even before (or without) the list
  const all = value !== '' && !names.includes(value) ? [value, ...names] : names;
  const options = [
    { value: '', label: anyLabel },
    ...all.map((name) => ({ value: name, label: name, color: serviceColor(name) })),
  ];
  return <Combobox id={id} testId={testId} value={value} options={options} onChange={onChange} placeholder={anyLabel} />;
}
