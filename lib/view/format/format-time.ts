// Times are shown and typed either in the browser's zone or in UTC (the toggle lives in the
// URL as `tz`); both directions go through here so display and input always agree.

export type TimeZoneMode = 'local' | 'utc';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const parts = (ms: number, tz: TimeZoneMode) => {
  const d = new Date(ms);
  return tz === 'utc'
    ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()]
    : [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds()];
};

/** "2026-11-22 05:41:07.123" in the chosen zone. */
export const formatTimestamp = (ms: number, tz: TimeZoneMode): string => {
  const [y, mo, d, h, mi, s, msec] = parts(ms, tz);
  return `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}.${pad(msec, 3)}`;
};

/** "05:41:07" in the chosen zone: axis ticks. */
export const formatClock = (ms: number, tz: TimeZoneMode): string => {
  const [, , , h, mi, s] = parts(ms, tz);
  return `${pad(h)}:${pad(mi)}:${pad(s)}`;
};

/** The value of an `<input type="datetime-local">` showing `ms` in the chosen zone. */
export const toDateTimeInput = (ms: number, tz: TimeZoneMode): string => {
  const [y, mo, d, h, mi, s] = parts(ms, tz);
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}`;
};

/** Reads an `<input type="datetime-local">` value in the chosen zone; NaN when empty or invalid. */
export const fromDateTimeInput = (value: string, tz: TimeZoneMode): number => {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
  if (!m) return Number.NaN;
  // browsers leave the seconds out when they are zero
  const [y, mo, d, h, mi, s] = m.slice(1).map((part) => Number(part ?? 0));
  return tz === 'utc' ? Date.UTC(y, mo - 1, d, h, mi, s) : new Date(y, mo - 1, d, h, mi, s).getTime();
};

/** "3 min ago", "2 h ago": the age of a time, for a glance. */
export const formatAge = (ms: number, nowMs: number): string => {
  const s = Math.max(0, Math.round((nowMs - ms) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
};
