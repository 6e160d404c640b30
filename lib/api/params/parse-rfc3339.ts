// RFC 3339 timestamps (Go's time.RFC3339Nano, as api_v3's query.startTimeMin/Max carry them),
// converted to unix nanoseconds with bigint arithmetic: Date would round to milliseconds.
//
// Grafana appends `&query.start_time_min=<RFC3339Nano>` to its URL without encoding it, so an
// offset like `+05:30` reaches us as ` 05:30` once URLSearchParams has decoded `+` to a space
// (seen from Grafana's Jaeger data source). A space where the offset sign belongs therefore means `+`, and the offset
// is honoured, not dropped.

const RFC3339_RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+\- ])(\d{2}):(\d{2}))$/;

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

const daysInMonth = (y: number, m: number): number =>
  m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
const daysFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};

/** Parses an RFC 3339 timestamp (up to 9 fractional digits; `Z` or ±hh:mm, a space standing for `+`) to unix ns. */
export const parseRfc3339 = (input: string): bigint => {
  const m = RFC3339_RE.exec(input);
  if (!m) throw new Error(`cannot parse ${JSON.stringify(input)} as RFC 3339 (e.g. 2026-01-01T10:00:00.123456789Z)`);
  const [, ys, mos, ds, hs, mis, ss, frac = '', z, sign, ohs, oms] = m;
  const [year, month, day, hour, minute, second] = [ys, mos, ds, hs, mis, ss].map(Number);

  const outOfRange = (what: string) => new Error(`cannot parse ${JSON.stringify(input)}: ${what} out of range`);
  if (month < 1 || month > 12) throw outOfRange('month');
  if (day < 1 || day > daysInMonth(year, month)) throw outOfRange('day');
  if (hour > 23) throw outOfRange('hour');
  if (minute > 59) throw outOfRange('minute');
  if (second > 59) throw outOfRange('second'); // Go rejects leap second 60 too

  let offsetSeconds = 0;
  if (!z) {
    const offsetHours = Number(ohs);
    const offsetMinutes = Number(oms);
    if (offsetHours > 23) throw outOfRange('time zone offset hour');
    if (offsetMinutes > 59) throw outOfRange('time zone offset minute');
    offsetSeconds = (sign === '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  }

  const localSeconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  const fractionNs = BigInt(frac.padEnd(9, '0'));
  return BigInt(localSeconds - offsetSeconds) * 1_000_000_000n + fractionNs;
};
