import { useCallback, useEffect, useState } from 'react';

// A width the user dragged (the timeline's name column, the span detail panel), remembered in
// localStorage across traces and visits. Undefined until the user sets one: the layout's own
// responsive default applies, and the server-rendered page matches the first client render.

const storageKey = (name: string) => `spanscope:width:${name}`;

/** [width in px or undefined, set (clamped to min..max and remembered), reset] */
export const useStoredWidth = (name: string, min: number, max: number) => {
  const [width, setWidthState] = useState<number | undefined>(undefined);
  useEffect(() => {
    try {
      const stored = Number(localStorage.getItem(storageKey(name)));
      if (Number.isFinite(stored) && stored > 0) setWidthState(Math.min(max, Math.max(min, stored)));
    } catch {
      // storage disabled: widths are just not remembered
    }
  }, [name, min, max]);
  const setWidth = useCallback(
    (px: number) => {
      const clamped = Math.round(Math.min(max, Math.max(min, px)));
      setWidthState(clamped);
      try {
        localStorage.setItem(storageKey(name), String(clamped));
      } catch {
        // as above
      }
    },
    [name, min, max],
  );
  const reset = useCallback(() => {
    setWidthState(undefined);
    try {
      localStorage.removeItem(storageKey(name));
    } catch {
      // as above
    }
  }, [name]);
  return [width, setWidth, reset] as const;
};
