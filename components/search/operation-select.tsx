import { useOperations } from '@/lib/client/search-queries';
import { Combobox } from '@/components/ui/combobox';

/** The operations (span names, with their span kind) of the chosen service. */
export function OperationSelect({ service, value, onChange }: { service: string; value: string; onChange: (operation: string) => void }) {
  const operations = useOperations(service);
  // one entry per name: the search matches the name whatever the kind, so kinds are listed as a hint
  const kinds = new Map<string, string[]>();
  for (const op of operations.data ?? []) kinds.set(op.name, [...(kinds.get(op.name) ?? []), op.spanKind]);
  const options = [
    { value: '', label: service === '' ? 'Choose a service first' : 'All operations' },
    ...[...kinds].map(([name, k]) => ({ value: name, label: name, hint: k.join(', ') })),
  ];
  if (value !== '' && !kinds.has(value)) options.push({ value, label: value, hint: '' });
  return <Combobox id="operation" testId="operation-select" value={value} options={options} onChange={onChange} placeholder="All operations" />;
}
