import { useSyncExternalStore } from 'react';
import type { TimeZoneMode } from '@/lib/view/format/format-time';

// The one time-zone setting of every page (search, trace, services, explore, exceptions): local
// time or UTC, remembered in localStorage for every page and visit, and shared by every component
// that shows a time, so a change anywhere shows at once everywhere (other tabs too, by the
// storage event).

const STORAGE_KEY = 'spanscope:tz';
const listeners = new Set<() => void>();
// kept here too: with storage disabled the choice still lasts for the page
let chosen: TimeZoneMode | undefined;

const read = (): TimeZoneMode => {
  if (chosen) return chosen;
  try {
    return localStorage.getItem(STORAGE_KEY) === 'utc' ? 'utc' : 'local';
  } catch {
    return 'local';
  }
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key !== STORAGE_KEY) return;
    chosen = undefined;
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
};

/** Changes the setting for every page. */
export const setTimeZone = (tz: TimeZoneMode) => {
  if (tz === read()) return;
  chosen = tz;
  try {
    if (tz === 'utc') localStorage.setItem(STORAGE_KEY, tz);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
  for (const l of listeners) l();
};

/** The zone times are shown and typed in; local on the server's render, the stored choice after hydration. */
export const useTimeZone = (): TimeZoneMode => useSyncExternalStore(subscribe, read, () => 'local');
