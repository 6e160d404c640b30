import { useOperations } from '@/lib/client/search-queries';
import { Combobox } from '@/components/ui/combobox';

type OperationSelectProps = {
  service: string;
  value: string;
  onChange: (operation: string) => void;
  /** the input's id (for its label) and test id; the span's operation by default */
  id?: string;
  testId?: string;
};

/** The operations (span names, with their span kind) of the chosen service. */
export function OperationSelect({ service, value, onChange, id = 'operation', testId = 'operation-select' }: OperationSelectProps) {
  const operations = useOperations(service);
  // one entry per name: the search matches the name whatever the kind, so kinds are listed as a hint
  const kinds = new Map<string, string[]>();
  for (const op of operations.data ?? []) kinds.set(op.name, [...(kinds.get(op.name) ?? []), op.spanKind]);
  const options = [
    { value: '', label: service === '' ? 'Choose a service first' : 'All operations' },
    ...[...kinds].map(([name, k]) => ({ value: name, label: name, hint: k.join(', ') })),
  ];
  if (value !== '' && !kinds.has(value)) options.push({ value, label: value, hint: '' });
  return <Combobox id={id} testId={testId} value={value} options={options} onChange={onChange} placeholder="All operations" />;
}
