'use client';

import { setTimeZone, useTimeZone } from './use-time-zone';

/** The header's time-zone switch: local time or UTC, for every page. */
export function TimeZoneToggle() {
  const tz = useTimeZone();
  const next = tz === 'utc' ? 'local' : 'utc';
  return (
    <button
      type="button"
      onClick={() => setTimeZone(next)}
      data-testid="tz-toggle"
      data-tz={tz}
      aria-label={`Times in ${tz === 'utc' ? 'UTC' : 'local time'} (change to ${next === 'utc' ? 'UTC' : 'local time'})`}
      title={`Times are shown in ${tz === 'utc' ? 'UTC' : 'local time'}; click for ${next === 'utc' ? 'UTC' : 'local time'}`}
      className="flex h-9 shrink-0 items-center justify-center rounded-md border border-slate-300 px-2 text-xs font-semibold text-slate-700 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-sky-500/40 focus-visible:outline-none"
    >
      {tz === 'utc' ? 'UTC' : 'Local'}
    </button>
  );
}
