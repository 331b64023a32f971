import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { float32Text, sqlserverCell, sqlserverColumnMeta, sqlserverTypeName, type TdsColumn } from '../../../electron/core/db/sqlserver/sqlserverColumns';
import { installExactValues, readExact, useExactValues } from '../../../electron/core/db/sqlserver/sqlserverExactValues';
import { dateText, dateTimeOffsetText, dateTimeText, decimalText, moneyText, smallDateTimeText, timeText } from '../../../electron/core/db/sqlserver/sqlserverText';

const column = (type: string, extra: Partial<TdsColumn> = {}): TdsColumn => ({ colName: 'c', type: { name: type }, flags: 1, userType: 0, ...extra });
const daysOf = (y: number, m: number, d: number): number => (Date.UTC(y, m - 1, d) - Date.UTC(2000, 0, 1)) / 86_400_000 + 730_119;
const le = (value: bigint, bytes: number): Buffer => {
  const b = Buffer.alloc(bytes);
  for (let i = 0, v = value; i < bytes; i++, v >>= 8n) b[i] = Number(v & 0xffn);
  return b;
};

describe('SQL Server exact text from wire parts', () => {
  it('keeps all 38 digits of decimal and numeric, with the sign and scale', () => {
    const max = 10n ** 38n - 1n;
    expect(decimalText(1, le(max, 16), 0)).toBe('99999999999999999999999999999999999999');
    expect(decimalText(0, le(max, 16), 38)).toBe('-0.99999999999999999999999999999999999999');
    expect(decimalText(1, le(12345n, 4), 2)).toBe('123.45');
    expect(decimalText(0, le(5n, 4), 4)).toBe('-0.0005');
    expect(decimalText(1, le(0n, 4), 2)).toBe('0.00');
  });

  it('shows money with its four decimals, exact at both ends of its range', () => {
    expect(moneyText(-(2n ** 63n))).toBe('-922337203685477.5808');
    expect(moneyText(2n ** 63n - 1n)).toBe('922337203685477.5807');
    expect(moneyText(12_3400n)).toBe('12.3400');
  });

  it('formats dates and times from day counts and ticks, to the scale', () => {
    expect(dateText(0)).toBe('0001-01-01');
    expect(dateText(daysOf(9999, 12, 31))).toBe('9999-12-31');
    expect(dateText(daysOf(2024, 2, 29))).toBe('2024-02-29');
    expect(timeText(863_999_999_999, 7)).toBe('23:59:59.9999999');
    expect(timeText(45_296_123, 3)).toBe('12:34:56.123');
    expect(timeText(45_296, 0)).toBe('12:34:56');
  });

  it('keeps the datetimeoffset offset, crossing midnight in both directions', () => {
    const day = daysOf(2024, 5, 1);
    expect(dateTimeOffsetText(day, 270_001_234_567, 7, 120)).toBe('2024-05-01 09:30:00.1234567 +02:00');
    expect(dateTimeOffsetText(day, 0, 7, -330)).toBe('2024-04-30 18:30:00.0000000 -05:30');
    expect(dateTimeOffsetText(day, (23 * 3600 + 30 * 60) * 1000, 3, 60)).toBe('2024-05-02 00:30:00.000 +01:00');
    expect(dateTimeOffsetText(day, 0, 0, 0)).toBe('2024-05-01 00:00:00 +00:00');
  });

  it('rounds datetime ticks the way SQL Server shows them (.000, .003, .007)', () => {
    expect(dateTimeText(0, 0)).toBe('1900-01-01 00:00:00.000');
    expect(dateTimeText(0, 1)).toBe('1900-01-01 00:00:00.003');
    expect(dateTimeText(0, 2)).toBe('1900-01-01 00:00:00.007');
    expect(dateTimeText(-53_690, 25_919_999)).toBe('1753-01-01 23:59:59.997');
    expect(smallDateTimeText(45_000, 61)).toBe('2023-03-17 01:01:00');
  });
});

describe('the exact-value reader inside tedious', () => {
  const meta = (name: string, extra: { precision?: number; scale?: number } = {}) => ({ type: { name }, ...extra });

  it('decodes length-prefixed values and advances past them', () => {
    const decimal = Buffer.concat([Buffer.from([0xaa, 17, 1]), le(10n ** 30n + 1n, 16)]);
    expect(readExact(decimal, 1, meta('DecimalN', { precision: 38, scale: 6 }))).toEqual({ value: '1000000000000000000000000.000001', offset: 19 });
    expect(readExact(Buffer.from([0]), 0, meta('NumericN', { scale: 2 }))).toEqual({ value: null, offset: 1 });
    const dto = Buffer.concat([Buffer.from([10]), le(270_001_234_567n, 5), le(BigInt(daysOf(2024, 5, 1)), 3), Buffer.from([0x78, 0x00])]);
    expect(readExact(dto, 0, meta('DateTimeOffset', { scale: 7 }))).toEqual({ value: '2024-05-01 09:30:00.1234567 +02:00', offset: 11 });
    const dt2 = Buffer.concat([Buffer.from([7]), le(45_296_123n, 4), le(0n, 3)]);
    expect(readExact(dt2, 0, meta('DateTime2', { scale: 3 }))).toEqual({ value: '0001-01-01 12:34:56.123', offset: 8 });
    expect(readExact(Buffer.concat([Buffer.from([4]), le(-1n & 0xffffffffn, 4)]), 0, meta('MoneyN'))).toEqual({ value: '-0.0001', offset: 5 });
  });

  it('reads sql_variant holding a decimal or datetimeoffset, and leaves other base types to tedious', () => {
    const value = Buffer.concat([Buffer.from([1]), le(123456n, 16)]);
    const variant = Buffer.concat([le(BigInt(2 + 2 + value.length), 4), Buffer.from([0x6a, 2, 38, 3]), value]);
    expect(readExact(variant, 0, meta('Variant'))).toEqual({ value: '123.456', offset: variant.length });
    const int = Buffer.concat([le(6n, 4), Buffer.from([0x38, 0]), le(7n, 4)]);
    expect(readExact(int, 0, meta('Variant'))).toBeNull();
    expect(readExact(Buffer.alloc(4), 0, meta('Variant'))).toEqual({ value: null, offset: 4 });
  });

  it("asks tedious for more bytes with its own NotEnoughDataError, and leaves other types alone", () => {
    const helpers = createRequire(import.meta.url)('tedious/lib/token/helpers.js') as { NotEnoughDataError: new (n: number) => object };
    expect(() => readExact(Buffer.from([17, 1, 0]), 0, meta('DecimalN', { scale: 0 }))).toThrow(helpers.NotEnoughDataError as never);
    expect(readExact(Buffer.from([4, 1, 0, 0, 0]), 0, meta('IntN'))).toBeNull();
  });

  it('wraps tedious only for registered connections', () => {
    expect(installExactValues()).toBe(true);
    const parser = createRequire(import.meta.url)('tedious/lib/value-parser.js') as { readValue: (b: Buffer, o: number, m: unknown, opts: object) => { value: unknown } };
    const decimal = Buffer.concat([Buffer.from([17, 1]), le(10n ** 20n + 1n, 16)]);
    const metadata = { type: { name: 'DecimalN' }, precision: 38, scale: 0 };
    expect(parser.readValue(decimal, 0, metadata, { useUTC: true }).value).toBe(1e20); // tedious's own float
    const mine = { useUTC: true };
    expect(useExactValues(mine)).toBe(true);
    expect(parser.readValue(decimal, 0, metadata, mine).value).toBe('100000000000000000001');
  });
});

describe('SQL Server column metadata and cells', () => {
  it('names types as SQL Server does, with lengths, precision and scale', () => {
    const names = [
      column('IntN', { dataLength: 1 }), column('IntN', { dataLength: 8 }), column('FloatN', { dataLength: 4 }), column('MoneyN', { dataLength: 8 }),
      column('DateTimeN', { dataLength: 4 }), column('DecimalN', { precision: 18, scale: 4 }), column('NumericN', { precision: 5, scale: 0 }),
      column('NVarChar', { dataLength: 100 }), column('NVarChar', { dataLength: 0xffff }), column('VarBinary', { dataLength: 0xffff }),
      column('Binary', { dataLength: 8, userType: 80 }), column('DateTimeOffset', { scale: 3 }), column('UniqueIdentifier'), column('Xml'),
      column('UDT', { udtInfo: { typeName: 'hierarchyid' } }), column('Variant'), column('BitN'),
    ].map(sqlserverTypeName);
    expect(names).toEqual(['tinyint', 'bigint', 'real', 'money', 'smalldatetime', 'decimal(18,4)', 'numeric(5,0)', 'nvarchar(50)', 'nvarchar(max)',
      'varbinary(max)', 'timestamp', 'datetimeoffset(3)', 'uniqueidentifier', 'xml', 'hierarchyid', 'sql_variant', 'bit']);
    expect(sqlserverColumnMeta([{ ...column('Int'), colName: 'id', flags: 0 }, column('NVarChar', { dataLength: 20 })])).toEqual([
      { name: 'id', dataType: 'int', nullable: false },
      { name: 'c', dataType: 'nvarchar(10)', nullable: true },
    ]);
  });

  it('keeps NULL apart from the empty string, text and uuid as sent, binary as bytes and bit as a boolean', () => {
    expect(sqlserverCell(null, column('NVarChar'))).toBeNull();
    expect(sqlserverCell('', column('NVarChar'))).toBe('');
    expect(sqlserverCell('مرحبا 🦔👩‍💻', column('NVarChar'))).toBe('مرحبا 🦔👩‍💻');
    expect(sqlserverCell('<a b="1"/>', column('Xml'))).toBe('<a b="1"/>');
    expect(sqlserverCell('6F9619FF-8B86-D011-B42D-00C04FC964FF', column('UniqueIdentifier'))).toBe('6F9619FF-8B86-D011-B42D-00C04FC964FF');
    expect(sqlserverCell(Buffer.from([0, 255]), column('VarBinary'))).toEqual(Buffer.from([0, 255]));
    expect(sqlserverCell(false, column('BitN'))).toBe(false);
    expect(sqlserverCell('9223372036854775807', column('IntN', { dataLength: 8 }))).toBe('9223372036854775807');
  });

  it('gives numbers as text: ints, the shortest float text and real as a 32-bit float', () => {
    expect(sqlserverCell(-2147483648, column('IntN', { dataLength: 4 }))).toBe('-2147483648');
    expect(sqlserverCell(0.1, column('FloatN', { dataLength: 8 }))).toBe('0.1');
    expect(sqlserverCell(Math.fround(0.1), column('Real'))).toBe('0.1');
    expect(float32Text(Math.fround(3.4028235e38))).toBe('3.4028235e+38');
  });

  it('without the exact reader, formats tedious numbers and Dates as well as they allow', () => {
    expect(sqlserverCell(1.5, column('DecimalN', { precision: 10, scale: 2 }))).toBe('1.50');
    expect(sqlserverCell(-12.34, column('MoneyN', { dataLength: 8 }))).toBe('-12.3400');
    const at = Object.defineProperty(new Date(Date.UTC(2024, 4, 1, 7, 30, 0, 123)), 'nanosecondsDelta', { value: 0.0004567 });
    expect(sqlserverCell(at, column('DateTime2', { scale: 7 }))).toBe('2024-05-01 07:30:00.1234567');
    expect(sqlserverCell(at, column('DateTimeOffset', { scale: 7 }))).toBe('2024-05-01 07:30:00.1234567 +00:00');
    expect(sqlserverCell(new Date(Date.UTC(2024, 4, 1)), column('Date'))).toBe('2024-05-01');
    expect(sqlserverCell(new Date(Date.UTC(2024, 4, 1, 1, 2, 3, 7)), column('DateTimeN', { dataLength: 8 }))).toBe('2024-05-01 01:02:03.007');
  });
});
