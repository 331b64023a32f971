import { createRequire } from 'node:module';
import { dateText, dateTime2Text, dateTimeOffsetText, dateTimeText, decimalText, moneyText, smallDateTimeText, timeText } from './sqlserverText';

/**
 * tedious 20 decodes decimal/numeric and money through JS floats (precision lost past 15 digits),
 * turns date/time types into JS Dates (100 ns digits kept only as a float, the datetimeoffset
 * offset dropped) and has no raw-value option. Its row readers call `value-parser`'s exported
 * `readValue` for every fixed-length column value, so Burrow wraps that export: for connections
 * registered with `useExactValues`, those types are decoded here from their wire bytes into
 * SQL Server's exact text. Every other connection and every other type goes to tedious unchanged.
 */

const require = createRequire(import.meta.url);

interface WireMetadata {
  type: { name: string };
  precision?: number | undefined;
  scale?: number | undefined;
}
interface ReadResult {
  value: unknown;
  offset: number;
}
type ReadValue = (buf: Buffer, offset: number, metadata: WireMetadata, options: object) => ReadResult;

const valueParser = require('tedious/lib/value-parser.js') as { readValue: ReadValue };
const { NotEnoughDataError } = require('tedious/lib/token/helpers.js') as { NotEnoughDataError: new (byteCount: number) => object };

const exactOptions = new WeakSet<object>();
let installed: boolean | null = null;

/** Wraps tedious's value reader once per process; false if this tedious does not have it. */
export function installExactValues(): boolean {
  if (installed !== null) return installed;
  const original = valueParser.readValue;
  if (typeof original !== 'function') return (installed = false);
  const wrapped: ReadValue = (buf, offset, metadata, options) =>
    (exactOptions.has(options) ? readExact(buf, offset, metadata) : null) ?? original(buf, offset, metadata, options);
  try {
    valueParser.readValue = wrapped;
  } catch {
    return (installed = false);
  }
  installed = valueParser.readValue === wrapped;
  return installed;
}

/** Registers a tedious connection's `config.options` (the object its token parser is given). */
export function useExactValues(options: object): boolean {
  if (!installExactValues()) return false;
  exactOptions.add(options);
  return true;
}

const need = (buf: Buffer, end: number): void => {
  // tedious's parser catches this, waits for more bytes, and calls the reader again at the same offset.
  if (buf.length < end) throw new NotEnoughDataError(end);
};

const nullAt = (offset: number): ReadResult => ({ value: null, offset });

/** TDS ids of the types decoded here, as they appear in sql_variant's base type byte. */
const VARIANT_TYPES: Record<number, string> = {
  0x6a: 'DecimalN', 0x6c: 'NumericN', 0x3c: 'Money', 0x7a: 'SmallMoney', 0x3d: 'DateTime', 0x3a: 'SmallDateTime',
  0x28: 'Date', 0x29: 'Time', 0x2a: 'DateTime2', 0x2b: 'DateTimeOffset',
};

/** Decodes one value of an exact type at `offset` (its length prefix first), or null for the types tedious keeps. */
export function readExact(buf: Buffer, offset: number, metadata: WireMetadata): ReadResult | null {
  const name = metadata.type.name;
  const scale = metadata.scale ?? 7;
  switch (name) {
    case 'DecimalN':
    case 'NumericN':
    case 'MoneyN':
    case 'DateTimeN':
    case 'Date':
    case 'Time':
    case 'DateTime2':
    case 'DateTimeOffset': {
      need(buf, offset + 1);
      const length = buf[offset]!;
      if (length === 0) return nullAt(offset + 1);
      need(buf, offset + 1 + length);
      const kind = name === 'MoneyN' ? (length === 4 ? 'SmallMoney' : 'Money') : name === 'DateTimeN' ? (length === 4 ? 'SmallDateTime' : 'DateTime') : name;
      return { value: decode(kind, buf, offset + 1, length, scale), offset: offset + 1 + length };
    }
    case 'Money':
      need(buf, offset + 8);
      return { value: decode('Money', buf, offset, 8, scale), offset: offset + 8 };
    case 'SmallMoney':
    case 'SmallDateTime':
      need(buf, offset + 4);
      return { value: decode(name, buf, offset, 4, scale), offset: offset + 4 };
    case 'DateTime':
      need(buf, offset + 8);
      return { value: decode(name, buf, offset, 8, scale), offset: offset + 8 };
    case 'Variant':
      return readVariant(buf, offset);
    default:
      return null;
  }
}

/** sql_variant: total length, base type, property bytes, properties, value. Other base types go to tedious. */
function readVariant(buf: Buffer, offset: number): ReadResult | null {
  need(buf, offset + 4);
  const total = buf.readUInt32LE(offset);
  if (total === 0) return nullAt(offset + 4);
  need(buf, offset + 4 + total);
  const kind = VARIANT_TYPES[buf[offset + 4]!];
  if (!kind) return null;
  const propBytes = buf[offset + 5]!;
  const props = offset + 6;
  const start = props + propBytes;
  const length = total - 2 - propBytes;
  // decimal/numeric carry precision then scale; the time types carry their scale.
  const scale = kind === 'DecimalN' || kind === 'NumericN' ? buf[props + 1]! : propBytes > 0 ? buf[props]! : 7;
  return { value: decode(kind, buf, start, length, scale), offset: offset + 4 + total };
}

function decode(kind: string, buf: Buffer, at: number, length: number, scale: number): string {
  switch (kind) {
    case 'DecimalN':
    case 'NumericN':
      return decimalText(buf[at]!, buf.subarray(at + 1, at + length), scale);
    case 'Money':
      return moneyText((BigInt(buf.readInt32LE(at)) << 32n) + BigInt(buf.readUInt32LE(at + 4)));
    case 'SmallMoney':
      return moneyText(BigInt(buf.readInt32LE(at)));
    case 'Date':
      return dateText(buf.readUIntLE(at, 3));
    case 'Time':
      return timeText(buf.readUIntLE(at, length), scale);
    case 'DateTime2':
      return dateTime2Text(buf.readUIntLE(at + length - 3, 3), buf.readUIntLE(at, length - 3), scale);
    case 'DateTimeOffset':
      return dateTimeOffsetText(buf.readUIntLE(at + length - 5, 3), buf.readUIntLE(at, length - 5), scale, buf.readInt16LE(at + length - 2));
    case 'DateTime':
      return dateTimeText(buf.readInt32LE(at), buf.readUInt32LE(at + 4));
    case 'SmallDateTime':
      return smallDateTimeText(buf.readUInt16LE(at), buf.readUInt16LE(at + 2));
    default:
      throw new Error(`no exact decoder for ${kind}`);
  }
}
