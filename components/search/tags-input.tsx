import { useRef, useState } from 'react';
import { useAttributeKeys, useAttributeValues } from '../../lib/client/search-queries';
import { inputClass } from '../ui/field';
import { currentToken, quoteValue } from './current-token';

type Suggestion = { label: string; hint: string; insert: string };

/** The logfmt attributes box, suggesting the keys a service has sent and, after `key=`, that key's recent values. */
export function TagsInput({ service, value, onChange }: { service: string; value: string; onChange: (tags: string) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  const [caret, setCaret] = useState(value.length);
  const [focused, setFocused] = useState(false);
  const token = currentToken(value, caret);
  const keys = useAttributeKeys(service);
  const values = useAttributeValues(service, token.value !== undefined ? token.key : '');

  const suggestions: Suggestion[] =
    token.value === undefined
      ? (keys.data ?? [])
          .filter((k) => k.key.toLowerCase().includes(token.key.toLowerCase()))
          .slice(0, 12)
          .map((k) => ({ label: k.key, hint: k.source === 'resource' ? 'resource' : `${k.count} spans`, insert: `${k.key}=` }))
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
        onChange={(e) => (onChange(e.target.value), setCaret(e.target.selectionStart ?? e.target.value.length))}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? value.length)}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onKeyDown={(e) => e.key === 'Escape' && setFocused(false)}
      />
      {open && (
        <ul role="listbox" data-testid="tag-suggestions" className="absolute z-20 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg">
          {suggestions.map((s) => (
            <li key={s.insert} role="option" aria-selected={false} className="flex cursor-pointer gap-2 px-3 py-1.5 font-mono hover:bg-sky-50"
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
