import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from '../../../shared/query';
import { insertRows, planImport, rowsPerInsert, suggestColumns } from '../../../electron/core/db/import/importPlan';

const column = (name: string, dataType: string): ColumnInfo => ({ name, dataType, nullable: true, default: null, primaryKey: false, ordinal: 0 });
const table = [column('id', 'integer'), column('Label', 'text'), column('raw', 'bytea'), column('made', 'timestamptz')];

describe('suggestColumns', () => {
  it('matches header names exactly, else the one match without regard to case, each table column once', () => {
    expect(suggestColumns(table, ['ID', 'Label', 'raw', 'extra', 'id'], true)).toEqual(['id', 'Label', 'raw', null, null]);
  });

  it('without a header, suggests the table column at the same position', () => {
    expect(suggestColumns(table, ['column 1', 'column 2', 'column 3', 'column 4', 'column 5'], false)).toEqual(['id', 'Label', 'raw', 'made', null]);
  });
});

describe('planImport', () => {
  it('fills each mapped table column from its file column, leaves out the rest, and lists the table columns left to their default', () => {
    expect(planImport(table, ['raw', null, 'id'], 't')).toEqual({
      columns: [{ name: 'raw', field: 0, binary: true }, { name: 'id', field: 2, binary: false }],
      missing: ['Label', 'made'],
    });
  });

  it('refuses a name the table lacks, a column filled twice, and a mapping that fills nothing', () => {
    expect(() => planImport(table, ['id', 'label'], 'public.t')).toThrow('file column 2: public.t has no column label');
    expect(() => planImport(table, ['id', null, 'id'], 't')).toThrow('file columns 1 and 3 both fill id: leave one of them out');
    expect(() => planImport(table, [null, null], 't')).toThrow(/no file column is set to fill a column of t/);
  });
});

describe('insertRows', () => {
  const rows = [{ line: 2, fields: ['1', 'a', '\\x00ff'] }, { line: 3, fields: ['2', null, null] }];
  const columns = [{ name: 'id', field: 0, binary: false }, { name: 'Label', field: 1, binary: false }, { name: 'raw', field: 2, binary: true }];

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

  it('takes each value from its own file column, whatever the order', () => {
    const reordered = [{ name: 'raw', field: 2, binary: true }, { name: 'id', field: 0, binary: false }];
    expect(insertRows('postgres', { schema: null, name: 't' }, reordered, rows)).toEqual({
      sql: 'INSERT INTO "t" ("raw", "id") VALUES ($1, $2), ($3, $4)',
      params: ['\\x00ff', '1', null, '2'],
    });
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
