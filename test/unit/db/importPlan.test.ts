import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from '../../../shared/query';
import { insertRows, planImport, rowsPerInsert } from '../../../electron/core/db/import/importPlan';

const column = (name: string, dataType: string): ColumnInfo => ({ name, dataType, nullable: true, default: null, primaryKey: false, ordinal: 0 });
const table = [column('id', 'integer'), column('Label', 'text'), column('raw', 'bytea'), column('made', 'timestamptz')];

describe('planImport', () => {
  it('matches header names exactly, else without regard to case, and lists what the file lacks or the table lacks', () => {
    expect(planImport(table, ['ID', 'Label', 'raw', 'extra'])).toEqual({
      columns: [{ name: 'id', binary: false }, { name: 'Label', binary: false }, { name: 'raw', binary: true }],
      unknown: ['extra'],
      missing: ['made'],
    });
  });

  it('refuses a header that names a column twice', () => {
    expect(() => planImport(table, ['id', 'ID'])).toThrow(/names the column id twice/);
  });
});

describe('insertRows', () => {
  const rows = [{ line: 2, fields: ['1', 'a', '\\x00ff'] }, { line: 3, fields: ['2', null, null] }];
  const columns = [{ name: 'id', binary: false }, { name: 'Label', binary: false }, { name: 'raw', binary: true }];

  it('binds every value, turning `\\x` hex into bytes the engine\'s way', () => {
    expect(insertRows('postgres', { schema: 'public', name: 't' }, columns, rows)).toEqual({
      sql: 'INSERT INTO "public"."t" ("id", "Label", "raw") VALUES ($1, $2, $3), ($4, $5, $6)',
      params: ['1', 'a', '\\x00ff', '2', null, null],
    });
    expect(insertRows('mariadb', { schema: null, name: 't' }, columns, rows)).toEqual({
      sql: 'INSERT INTO `t` (`id`, `Label`, `raw`) VALUES (?, ?, UNHEX(?)), (?, ?, UNHEX(?))',
      params: ['1', 'a', '00ff', '2', null, null],
    });
    expect(insertRows('sqlserver', { schema: 'dbo', name: 't' }, columns, rows.slice(0, 1))).toEqual({
      sql: 'INSERT INTO [dbo].[t] ([id], [Label], [raw]) VALUES (@p1, @p2, CONVERT(varbinary(max), @p3, 1))',
      params: ['1', 'a', '0x00ff'],
    });
    expect(insertRows('sqlite', { schema: 'main', name: 't' }, columns, rows.slice(1)).sql).toBe('INSERT INTO "main"."t" ("id", "Label", "raw") VALUES (?, ?, unhex(?))');
  });

  it('refuses a binary value that is not `\\x` hex where the engine would store it wrong, naming its line', () => {
    expect(() => insertRows('mysql', { schema: null, name: 't' }, columns, [{ line: 9, fields: ['1', 'a', 'ff00'] }])).toThrow(/^line 9, column raw: a binary value is written as \\x and hex digits/);
  });

  it('keeps each INSERT under the engine\'s limit on bind parameters', () => {
    expect(rowsPerInsert('sqlserver', 7)).toBe(285);
    expect(rowsPerInsert('postgres', 3)).toBe(500);
    expect(rowsPerInsert('sqlserver', 5000)).toBe(1);
  });
});
