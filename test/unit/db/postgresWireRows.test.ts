import { describe, expect, it } from 'vitest';
import { DataRowEncoder } from '../../../electron/core/db/postgres/dataRowEncoder';
import { LazyDataRow } from '../../../electron/core/db/postgres/lazyDataRows';
import { typeNamesWithoutCatalog } from '../../../electron/core/db/postgres/postgresColumns';
import { FIELD_BOOL, FIELD_BYTEA, FIELD_TEXT } from '../../../electron/core/db/postgres/postgresTypes';
import { ResultStore } from '../../../electron/core/db/store/resultStore';
import { decodeRow } from '../../../electron/core/db/store/rowCodec';

/** A DataRow body as PostgreSQL sends it: int16 count, then per field int32 length (-1 = NULL) and UTF-8 text. */
function dataRow(fields: (string | null)[], padding = 0): { source: Buffer; start: number; end: number } {
  const parts = fields.map((field) => {
    if (field === null) return Buffer.from([0xff, 0xff, 0xff, 0xff]);
    const text = Buffer.from(field, 'utf8');
    const length = Buffer.alloc(4);
    length.writeInt32BE(text.length);
    return Buffer.concat([length, text]);
  });
  const count = Buffer.alloc(2);
  count.writeInt16BE(fields.length);
  // Padding on both sides: the row sits inside a larger parser buffer, as it does in pg.
  const source = Buffer.concat([Buffer.alloc(padding, 0xee), count, ...parts, Buffer.alloc(padding, 0xee)]);
  return { source, start: padding, end: source.length - padding };
}

function encodeAndDecode(fields: (string | null)[], kinds: number[], maxCellBytes = 1 << 20) {
  const encoder = new DataRowEncoder(Uint8Array.from(kinds));
  const { source, start, end } = dataRow(fields, 7);
  const max = encoder.row(source, start, end);
  const target = Buffer.alloc(max + 3, 0xcc);
  const written = encoder.encode(target, 3);
  expect(written - 3).toBeLessThanOrEqual(max);
  return decodeRow(target, 3, kinds.length, maxCellBytes);
}

describe('DataRowEncoder: PostgreSQL wire rows into the store without a string per cell', () => {
  it('keeps NULL apart from the empty string, and text exact (digits, zones, unicode, RTL)', () => {
    const fields = [null, '', '9223372036854775807', '12345678901234567890.123456789', '2024-02-29 09:04:56.789+02', 'héllo 😀 שלום', '{"a": [1, 2.50, null]}'];
    expect(encodeAndDecode(fields, fields.map(() => FIELD_TEXT))).toEqual(fields);
  });

  it('copies texts of every length, past the short-copy loop and past a one-byte length', () => {
    const fields = ['a'.repeat(48), 'b'.repeat(49), 'ü'.repeat(64), 'x'.repeat(127), 'y'.repeat(128), 'z'.repeat(100_000)];
    expect(encodeAndDecode(fields, fields.map(() => FIELD_TEXT))).toEqual(fields);
  });

  it('turns bool texts into booleans and bytea (hex and escape output) into bytes', () => {
    const cells = encodeAndDecode(['t', 'f', null, '\\x00ff10', '\\x', 'a\\000\\\\b\\377'], [FIELD_BOOL, FIELD_BOOL, FIELD_BOOL, FIELD_BYTEA, FIELD_BYTEA, FIELD_BYTEA]);
    expect(cells).toEqual([
      true, false, null,
      { kind: 'binary', hex: '00ff10', length: 3, truncated: false },
      { kind: 'binary', hex: '', length: 0, truncated: false },
      { kind: 'binary', hex: '61005c62ff', length: 5, truncated: false },
    ]);
  });

  it('stores rows through the result store, across chunk borders, readable like pushed rows', () => {
    const store = new ResultStore({ budgetBytes: 1 << 30 });
    const result = store.create(0, 'rows', [{ name: 'id', dataType: 'int4', nullable: false }, { name: 'label', dataType: 'text', nullable: true }], () => {});
    const encoder = new DataRowEncoder(Uint8Array.from([FIELD_TEXT, FIELD_TEXT]));
    for (let i = 0; i < 50_000; i++) {
      const { source, start, end } = dataRow([String(i), i % 7 === 0 ? null : `label ${i} ${'x'.repeat(i % 90)}`]);
      expect(result.pushEncoded(encoder.row(source, start, end), encoder)).toBe(true);
    }
    result.end({ command: 'SELECT', rowsAffected: 50_000 });
    expect(result.rowCount).toBe(50_000);
    expect(store.rows(result.id, 0, 2).rows).toEqual([['0', null], ['1', 'label 1 x']]);
    expect(store.rows(result.id, 49_999, 5).rows).toEqual([['49999', `label 49999 ${'x'.repeat(49_999 % 90)}`]]);
    expect(result.bytes).toBeGreaterThan(1 << 20);
  });

  it('stops at the byte budget like push does', () => {
    const store = new ResultStore({ budgetBytes: 3 << 20 });
    const result = store.create(0, 'rows', [{ name: 'v', dataType: 'text', nullable: true }], () => {});
    const encoder = new DataRowEncoder(Uint8Array.from([FIELD_TEXT]));
    const { source, start, end } = dataRow(['v'.repeat(1000)]);
    let accepted = 0;
    while (result.pushEncoded(encoder.row(source, start, end), encoder)) accepted++;
    expect(accepted).toBeGreaterThan(500);
    expect(result.summary().budgetExceeded).toBe(true);
    expect(result.pushEncoded(encoder.row(source, start, end), encoder)).toBe(false);
  });
});

describe('LazyDataRow', () => {
  it('decodes fields only when asked, as pg would', () => {
    const { source, start, end } = dataRow(['1', null, '', 'é😀'], 5);
    const message = new LazyDataRow(source, start, end, end - start + 4);
    expect(message.name).toBe('dataRow');
    expect(message.fields).toEqual(['1', null, '', 'é😀']);
  });

  it('keeps its texts when released untaken (the parser buffer is reused), and drops the bytes once taken', () => {
    const { source, start, end } = dataRow(['keep me'], 3);
    const untaken = new LazyDataRow(source, start, end, 0);
    untaken.release();
    source.fill(0);
    expect(untaken.fields).toEqual(['keep me']);

    const again = dataRow(['stored'], 3);
    const taken = new LazyDataRow(again.source, again.start, again.end, 0);
    expect(taken.take()).toBe(again.source);
    taken.release();
    expect(() => taken.fields).toThrow(/released/);
  });
});

describe('column types without a catalog lookup', () => {
  it('only for expressions of common built-in types without a type modifier', () => {
    expect(typeNamesWithoutCatalog([{ dataTypeID: 23, dataTypeModifier: -1, tableID: 0 }, { dataTypeID: 1184, dataTypeModifier: -1, tableID: 0 }])).toEqual(['integer', 'timestamp with time zone']);
    expect(typeNamesWithoutCatalog([])).toEqual([]);
    // A table column (nullability and origin to learn), a modifier (numeric(4,1)), an unlisted type: the catalog is asked.
    expect(typeNamesWithoutCatalog([{ dataTypeID: 23, dataTypeModifier: -1, tableID: 16384 }])).toBeNull();
    expect(typeNamesWithoutCatalog([{ dataTypeID: 1700, dataTypeModifier: 262149, tableID: 0 }])).toBeNull();
    expect(typeNamesWithoutCatalog([{ dataTypeID: 1007, dataTypeModifier: -1, tableID: 0 }])).toBeNull();
  });
});
