import { useEffect, useRef } from 'react';

export type TraceKeyHandlers = {
  move: (delta: number) => void;
  collapse: () => void;
  expand: () => void;
  open: () => void;
  close: () => void;
  focusFind: () => void;
  nextMatch: (delta: number) => void;
  help: () => void;
};

const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);

// Enter on a focused button or link activates it; the shortcut must not swallow that
const isActivatable = (el: EventTarget | null) => el instanceof HTMLElement && (el.tagName === 'BUTTON' || el.tagName === 'A');

/** Trace page shortcuts (listed in keyboard-help.tsx); ignored while typing, except Esc and ctrl+f. */
export const useTraceKeyboard = (handlers: TraceKeyHandlers) => {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const h = ref.current;
      if ((e.ctrlKey || e.metaKey) && e.key === 'f') {
        e.preventDefault();
        h.focusFind();
        return;
      }
      if (e.key === 'Escape') {
        if (isTyping(e.target)) (e.target as HTMLElement).blur();
        else h.close();
        return;
      }
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const actions: Record<string, () => void> = {
        j: () => h.move(1),
        ArrowDown: () => h.move(1),
        k: () => h.move(-1),
        ArrowUp: () => h.move(-1),
        ArrowLeft: h.collapse,
        ArrowRight: h.expand,
        Enter: h.open,
        '/': h.focusFind,
        n: () => h.nextMatch(1),
        N: () => h.nextMatch(-1),
        '?': h.help,
      };
      const action = actions[e.key];
      if (!action || (e.key === 'Enter' && isActivatable(e.target))) return;
      e.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
};
