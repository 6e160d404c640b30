import { useRef, useState } from 'react';
import { useAttributeKeys, useAttributeValues } from '@/lib/client/search-queries';
import { inputClass } from '@/components/ui/field';
import { currentToken, quoteValue } from './current-token';

type Suggestion = { label: string; hint: string; insert: string };

// keys with a meaning of their own in a search (lib/store/read/filter-condition-sql.ts), offered for every service
const BUILT_IN_KEYS = [
  { key: 'error', hint: 'true: status error' },
  { key: 'span.kind', hint: 'server, client, …' },
];

/** The logfmt attributes box, suggesting the keys a service has sent and, after `key=`, that key's recent values. */
export function TagsInput({ service, value, onChange }: { service: string; value: string; onChange: (tags: string) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  const [caret, setCaret] = useState(value.length);
  const [focused, setFocused] = useState(false);
  const [active, setActive] = useState(-1); // -1: none, so Enter submits the form
  const token = currentToken(value, caret);
  const keys = useAttributeKeys(service);
  const values = useAttributeValues(service, token.value !== undefined ? token.key : '');

  const suggestions: Suggestion[] =
    token.value === undefined
      ? [
          ...(keys.data ?? []).map((k) => ({ label: k.key, hint: k.source === 'resource' ? 'resource' : `${k.count} spans`, insert: `${k.key}=` })),
          ...BUILT_IN_KEYS.filter((b) => !keys.data?.some((k) => k.key === b.key)).map((k) => ({ label: k.key, hint: k.hint, insert: `${k.key}=` })),
        ]
          .filter((k) => k.label.toLowerCase().includes(token.key.toLowerCase()))
          .slice(0, 12)
      : (values.data ?? [])
          .filter((v) => v.value.toLowerCase().startsWith(token.value!.toLowerCase()))
          .slice(0, 12)
          .map((v) => ({ label: v.value, hint: `×${v.count}`, insert: `${token.key}=${quoteValue(v.value)} ` }));
  const open = focused && service !== '' && suggestions.length > 0;

  const apply = (s: Suggestion) => {
    const next = value.slice(0, token.start) + s.insert + value.slice(token.end).replace(/^\s+/, '');
    const at = token.start + s.insert.length;
    onChange(next);
    setCaret(at);
    setActive(-1);
    requestAnimationFrame(() => ref.current?.setSelectionRange(at, at));
  };

  return (
    <div className="relative">
      <input
        ref={ref}
        id="tags"
        data-testid="tags-input"
        autoComplete="off"
        spellCheck={false}
        className={`${inputClass} font-mono`}
        placeholder="http.status_code=500 error=true"
        value={value}
        onChange={(e) => (onChange(e.target.value), setCaret(e.target.selectionStart ?? e.target.value.length), setActive(-1))}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? value.length)}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onKeyDown={(e) => {
          if (!open) return;
          if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, suggestions.length - 1));
          else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, -1));
          else if ((e.key === 'Enter' || e.key === 'Tab') && active >= 0) apply(suggestions[active]);
          else if (e.key === 'Escape') setFocused(false);
          else return;
          e.preventDefault();
        }}
      />
      {open && (
        <ul role="listbox" data-testid="tag-suggestions" className="absolute z-20 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg">
          {suggestions.map((s, i) => (
            <li key={s.insert} role="option" aria-selected={i === active} className="flex cursor-pointer gap-2 px-3 py-1.5 font-mono hover:bg-sky-50 aria-selected:bg-sky-50"
              onMouseDown={(e) => (e.preventDefault(), apply(s))}>
              <span className="truncate">{s.label}</span>
              <span className="ml-auto shrink-0 font-sans text-xs text-slate-500">{s.hint}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
