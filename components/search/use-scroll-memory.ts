import { useEffect, useRef } from 'react';

// Remembers the window's scroll position per search (in sessionStorage, so it lives as long as
// the tab's history) and puts it back once that search's results are on the page again: Back
// from a trace lands on the row the user left, not at the top of a 1,500-row list.

const storageKey = (key: string) => `spanscope:search-scroll:${key}`;

const read = (key: string): number | undefined => {
  try {
    const y = Number(sessionStorage.getItem(storageKey(key)));
    return Number.isFinite(y) && y > 0 ? y : undefined;
  } catch {
    return undefined; // storage can be disabled; then there is nothing to restore
  }
};

const RESTORE_FOR_MS = 2_000;

/** Restores the scroll position saved for `key` once `ready`, and keeps saving it while the user scrolls. */
export const useScrollMemory = (key: string, ready: boolean) => {
  const restoredFor = useRef<string | undefined>(undefined);
  // while restoring, the scroll events are ours (and the browser's clamping to a page not yet
  // tall enough): saving them would overwrite the position being restored with a shorter one
  const restoring = useRef(false);

  useEffect(() => {
    if (!ready || restoredFor.current === key) return;
    restoredFor.current = key;
    const y = read(key);
    if (y === undefined) return;
    // the virtual list's height starts from estimated rows and grows as rows are measured, so the
    // first scrollTo can fall short: try again each frame until it lands (at most RESTORE_FOR_MS)
    restoring.current = true;
    const until = performance.now() + RESTORE_FOR_MS;
    let frame = 0;
    const attempt = () => {
      window.scrollTo({ top: y });
      if (Math.abs(window.scrollY - y) > 2 && performance.now() < until) frame = requestAnimationFrame(attempt);
      else restoring.current = false;
    };
    frame = requestAnimationFrame(attempt);
    return () => {
      cancelAnimationFrame(frame);
      restoring.current = false;
    };
  }, [key, ready]);

  useEffect(() => {
    if (!ready) return;
    let frame = 0;
    const write = () => {
      try {
        sessionStorage.setItem(storageKey(key), String(Math.round(window.scrollY)));
      } catch {
        // full or disabled storage: the position is just not remembered
      }
    };
    const save = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (!restoring.current) write();
      });
    };
    window.addEventListener('scroll', save, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', save);
    };
  }, [key, ready]);
};
