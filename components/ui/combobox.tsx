import { useId, useMemo, useState } from 'react';
import { inputClass } from './field';

export type ComboboxOption = { value: string; label: string; hint?: string; color?: string };

type ComboboxProps = {
  id: string;
  value: string;
  options: ComboboxOption[];
  onChange: (value: string) => void;
  placeholder?: string;
  testId?: string;
};

/** A searchable dropdown: type to filter, arrows and Enter (or a click) to choose, Escape to close; Tab moves on. */
export function Combobox({ id, value, options, onChange, placeholder, testId }: ComboboxProps) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const shown = useMemo(() => {
    const needle = text.trim().toLowerCase();
    return needle === '' ? options : options.filter((o) => o.label.toLowerCase().includes(needle));
  }, [options, text]);
  const selected = options.find((o) => o.value === value);

  const choose = (option: ComboboxOption | undefined) => {
    if (option) onChange(option.value);
    setOpen(false);
    setText('');
  };
  // Enter and Escape close the list and leave it closed (they used to fall through to the
  // setOpen(true) the arrows need, so the list opened again at once)
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) setOpen(true);
      else setActive((i) => (e.key === 'ArrowDown' ? Math.min(i + 1, shown.length - 1) : Math.max(i - 1, 0)));
    } else if (e.key === 'Enter' && open) {
      e.preventDefault(); // choosing is not submitting the form
      choose(shown[active]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation(); // closes the list only, not a dialog or panel around it
      choose(undefined);
    }
  };

  return (
    <div className="relative">
      <input
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        autoComplete="off"
        data-testid={testId}
        className={inputClass}
        placeholder={selected?.label ?? placeholder}
        value={open ? text : (selected?.label ?? '')}
        onFocus={() => (setOpen(true), setActive(0))}
        onClick={() => setOpen(true)}
        onBlur={() => choose(undefined)}
        onChange={(e) => (setText(e.target.value), setActive(0), setOpen(true))}
        onKeyDown={onKeyDown}
      />
      {open && (
        // tabIndex -1: Chrome makes a scrollable box a Tab stop; Tab would land on the list, which
        // closes as the input blurs, leaving focus on <body>
        <ul id={listId} role="listbox" tabIndex={-1} className="absolute z-20 mt-1 max-h-72 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg">
          {shown.length === 0 && <li className="px-3 py-1.5 text-slate-500">No match</li>}
          {shown.map((o, i) => (
            <li
              key={o.value}
              role="option"
              aria-selected={o.value === value}
              data-active={i === active || undefined}
              className="flex cursor-pointer items-center gap-2 px-3 py-1.5 data-active:bg-sky-50"
              onMouseDown={(e) => (e.preventDefault(), choose(o))}
              onMouseEnter={() => setActive(i)}
            >
              {o.color && <span className="size-2.5 shrink-0 rounded-full" style={{ background: o.color }} />}
              <span className="truncate">{o.label}</span>
              {o.hint && <span className="ml-auto shrink-0 text-xs text-slate-500">{o.hint}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
