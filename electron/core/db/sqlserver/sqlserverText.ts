/**
 * SQL Server's own text for exact types, computed from their wire parts (integers), never from a
 * JS float or Date: decimal/numeric and money digits, and date/time values with every fractional
 * digit of their scale and, for datetimeoffset, their offset.
 */

const MS_PER_DAY = 86_400_000;
/** 2000-01-01 counted in days from 0001-01-01, the epoch of date, datetime2 and datetimeoffset. */
const DAYS_TO_2000 = 730_119;
/** 1900-01-01 counted in days from 0001-01-01, the epoch of datetime and smalldatetime. */
export const DAYS_TO_1900 = 693_595;

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** An unscaled integer and a scale as decimal text: (-12345n, 2) is "-123.45". */
export function scaledText(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${text}` : text;
}

/** decimal/numeric on the wire: a sign byte (1 positive, 0 negative) and a little-endian magnitude. */
export function decimalText(sign: number, magnitude: Buffer, scale: number): string {
  let value = 0n;
  for (let i = magnitude.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(magnitude[i]!);
  return scaledText(sign === 0 ? -value : value, scale);
}

/** money is a 64-bit count of ten-thousandths; SQL Server shows its four decimals. */
export function moneyText(tenThousandths: bigint): string {
  return scaledText(tenThousandths, 4);
}

/** Days since 0001-01-01 as YYYY-MM-DD (proleptic Gregorian, as SQL Server counts). */
export function dateText(daysSinceYear1: number): string {
  const date = new Date(Date.UTC(2000, 0, 1) + (daysSinceYear1 - DAYS_TO_2000) * MS_PER_DAY);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

/** A time of day in units of 10^-scale seconds as hh:mm:ss[.fraction], the fraction `scale` digits long. */
export function timeText(units: number, scale: number): string {
  const perSecond = 10 ** scale;
  const seconds = Math.floor(units / perSecond);
  const fraction = units - seconds * perSecond;
  const clock = `${pad(Math.floor(seconds / 3600), 2)}:${pad(Math.floor(seconds / 60) % 60, 2)}:${pad(seconds % 60, 2)}`;
  return scale > 0 ? `${clock}.${pad(fraction, scale)}` : clock;
}

export function dateTime2Text(days: number, units: number, scale: number): string {
  return `${dateText(days)} ${timeText(units, scale)}`;
}

/**
 * datetimeoffset stores the UTC date and time plus the offset in minutes; its text is the local
 * time at that offset, with the offset: 2024-05-01 09:30:00.1234567 +02:00.
 */
export function dateTimeOffsetText(utcDays: number, utcUnits: number, scale: number, offsetMinutes: number): string {
  const perSecond = 10 ** scale;
  const perMinute = perSecond * 60;
  const utcMinutes = Math.floor(utcUnits / perMinute);
  const rest = utcUnits - utcMinutes * perMinute;
  const localMinutes = utcMinutes + offsetMinutes;
  const dayShift = Math.floor(localMinutes / 1440);
  const minuteOfDay = localMinutes - dayShift * 1440;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = Math.abs(offsetMinutes);
  return `${dateTime2Text(utcDays + dayShift, minuteOfDay * perMinute + rest, scale)} ${sign}${pad(Math.floor(offset / 60), 2)}:${pad(offset % 60, 2)}`;
}

/**
 * datetime: days since 1900-01-01 and 1/300 s ticks. SQL Server rounds the ticks to milliseconds
 * ending in 0, 3 or 7, which Math.round of ticks * 10/3 reproduces.
 */
export function dateTimeText(daysSince1900: number, ticks: number): string {
  const ms = Math.round((ticks * 10) / 3);
  return `${dateText(DAYS_TO_1900 + daysSince1900)} ${timeText(ms, 3)}`;
}

export function smallDateTimeText(daysSince1900: number, minutes: number): string {
  return `${dateText(DAYS_TO_1900 + daysSince1900)} ${timeText(minutes * 60, 0)}`;
}
