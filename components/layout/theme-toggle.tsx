'use client';

import { useEffect, useState } from 'react';

// The theme switch in the header: follow the system (prefers-color-scheme), or always light, or
// always dark. The choice is a class on <html> that app/globals.css reads, remembered in
// localStorage for every page and visit.

type ThemeChoice = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'spanscope:theme';
const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<ThemeChoice, string> = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' };
const ICON: Record<ThemeChoice, string> = { system: '◐', light: '☀', dark: '☾' };

const stored = (): ThemeChoice => {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
};

const apply = (choice: ThemeChoice) => {
  const root = document.documentElement;
  root.classList.toggle('dark', choice === 'dark');
  root.classList.toggle('light', choice === 'light');
};

export function ThemeToggle() {
  const [choice, setChoice] = useState<ThemeChoice>('system');
  useEffect(() => {
    const initial = stored();
    setChoice(initial);
    apply(initial);
  }, []);
  const change = () => {
    const next = NEXT[choice];
    setChoice(next);
    apply(next);
    try {
      if (next === 'system') localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // storage disabled: the choice lasts for this page only
    }
  };
  return (
    <button
      type="button"
      onClick={change}
      data-testid="theme-toggle"
      data-theme={choice}
      aria-label={`${LABEL[choice]} (change)`}
      title={`${LABEL[choice]}; click for ${NEXT[choice]}`}
      className="flex size-9 shrink-0 items-center justify-center rounded-md border border-slate-300 text-base text-slate-700 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-sky-500/40 focus-visible:outline-none"
    >
      <span aria-hidden="true">{ICON[choice]}</span>
    </button>
  );
}
