import type { ColumnMeta } from '../../../../shared/query';
import type { RawCell } from '../types';
import { dateText, scaledText, timeText } from './sqlserverText';

/** The parts of tedious's column metadata Burrow reads. */
export interface TdsColumn {
  colName: string;
  type: { name: string };
  flags: number;
  userType: number;
  precision?: number | undefined;
  scale?: number | undefined;
  dataLength?: number | undefined;
  udtInfo?: { typeName: string } | undefined;
}

const NULLABLE_FLAG = 0x01;
/** usertype of timestamp/rowversion columns, which otherwise arrive as binary(8). */
const TIMESTAMP_USERTYPE = 80;
const MAX_LENGTH = 0xffff;

const byLength: Record<string, Record<number, string>> = {
  IntN: { 1: 'tinyint', 2: 'smallint', 4: 'int', 8: 'bigint' },
  FloatN: { 4: 'real', 8: 'float' },
  MoneyN: { 4: 'smallmoney', 8: 'money' },
  DateTimeN: { 4: 'smalldatetime', 8: 'datetime' },
};

const sized = (name: string, length: number | undefined, bytesPerChar: number): string =>
  `${name}(${length === undefined ? '?' : length === MAX_LENGTH ? 'max' : length / bytesPerChar})`;

/** SQL Server's name for a column's type, with its length, precision/scale or fractional-second scale. */
export function sqlserverTypeName(column: TdsColumn): string {
  const { name } = column.type;
  const lengthNames = byLength[name];
  if (lengthNames) return lengthNames[column.dataLength ?? 0] ?? name.toLowerCase();
  switch (name) {
    case 'DecimalN':
    case 'NumericN':
    case 'Decimal':
    case 'Numeric':
      return `${name.startsWith('Decimal') ? 'decimal' : 'numeric'}(${column.precision ?? '?'},${column.scale ?? '?'})`;
    case 'VarChar':
    case 'Char':
    case 'VarBinary':
      return sized(name.toLowerCase(), column.dataLength, 1);
    case 'Binary':
      return column.userType === TIMESTAMP_USERTYPE ? 'timestamp' : sized('binary', column.dataLength, 1);
    case 'NVarChar':
    case 'NChar':
      return sized(name.toLowerCase(), column.dataLength, 2);
    case 'Time':
    case 'DateTime2':
    case 'DateTimeOffset':
      return `${name.toLowerCase()}(${column.scale ?? 7})`;
    case 'BitN':
      return 'bit';
    case 'UniqueIdentifier':
      return 'uniqueidentifier';
    case 'Variant':
      return 'sql_variant';
    case 'UDT':
      return column.udtInfo?.typeName ?? 'udt';
    default:
      return name.toLowerCase();
  }
}

export function sqlserverColumnMeta(columns: readonly TdsColumn[]): ColumnMeta[] {
  return columns.map((column) => ({ name: column.colName, dataType: sqlserverTypeName(column), nullable: (column.flags & NULLABLE_FLAG) !== 0 }));
}

/**
 * One value as the store takes it. With the exact-value reader installed, decimal, money and the
 * date/time types already arrive as SQL Server's text. Without it (see sqlserverExactValues), they
 * arrive as JS numbers and Dates and are formatted here as well as they allow: decimal exact up to
 * 15 significant digits, time to 100 ns, datetimeoffset shown in UTC (+00:00).
 */
export function sqlserverCell(value: unknown, column: TdsColumn): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean' || Buffer.isBuffer(value)) return value;
  if (typeof value === 'number') return numberText(value, column);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return dateValueText(value, column);
  return String(value);
}

function numberText(value: number, column: TdsColumn): string {
  const type = sqlserverTypeName(column);
  if (type === 'real') return float32Text(value);
  if (type === 'money' || type === 'smallmoney') return scaledText(BigInt(Math.round(value * 10_000)), 4);
  if (/^(decimal|numeric)\(/.test(type)) return value.toFixed(column.scale ?? 0);
  return String(value);
}

/** The shortest text that reads back as the same 32-bit float, as SQL Server shows a real. */
export function float32Text(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return String(candidate);
  }
  return String(value);
}

/** tedious's Dates with useUTC: the UTC fields are the stored fields; `nanosecondsDelta` holds the 100 ns digits. */
function dateValueText(value: Date, column: TdsColumn): string {
  const days = Math.floor((value.getTime() - Date.UTC(2000, 0, 1)) / 86_400_000) + 730_119;
  const msOfDay = value.getTime() - Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate());
  const extraTicks = Math.round(((value as Date & { nanosecondsDelta?: number }).nanosecondsDelta ?? 0) * 1e7);
  const scale = column.scale ?? 7;
  const ticks = msOfDay * 10_000 + extraTicks;
  const time = (digits: number): string => timeText(Math.floor(ticks / 10 ** (7 - digits)), digits);
  switch (column.type.name) {
    case 'Date':
      return dateText(days);
    case 'Time':
      return time(scale);
    case 'DateTime2':
      return `${dateText(days)} ${time(scale)}`;
    case 'DateTimeOffset':
      return `${dateText(days)} ${time(scale)} +00:00`;
    default: {
      const smalldatetime = sqlserverTypeName(column) === 'smalldatetime';
      return `${dateText(days)} ${smalldatetime ? time(0) : time(3)}`;
    }
  }
}
