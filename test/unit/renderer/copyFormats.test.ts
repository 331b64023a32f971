import { describe, expect, it } from 'vitest';
import type { Cell, ColumnMeta } from '../../../shared/query';
import { formatRows } from '../../../renderer/src/features/query/copyFormats';
import { sqlLiteral } from '../../../shared/export/sqlInsert';

const col = (name: string, dataType: string): ColumnMeta => ({ name, dataType, nullable: true });
const text = col('t', 'text');
const int = col('n', 'int4');
const binary: Cell = { kind: 'binary', hex: 'c0ffee', length: 3, truncated: false };

describe('copying rows as SQL and text', () => {
  it('writes literals in each engine\'s syntax', () => {
    expect(['postgres', 'mysql', 'mariadb', 'sqlserver', 'sqlite'].map((engine) => sqlLiteral(engine as never, "it's \\ done", text)))
      .toEqual(["'it''s \\ done'", "'it''s \\\\ done'", "'it''s \\\\ done'", "N'it''s \\ done'", "'it''s \\ done'"]);
    expect(['postgres', 'mysql', 'sqlserver', 'sqlite'].map((engine) => sqlLiteral(engine as never, binary, col('b', 'bytea'))))
      .toEqual(["'\\xc0ffee'", "X'c0ffee'", '0xc0ffee', "X'c0ffee'"]);
    expect(['postgres', 'sqlite'].map((engine) => sqlLiteral(engine as never, true, col('f', 'bool')))).toEqual(['TRUE', '1']);
    // Numbers stay bare only when they are numbers; anything else in a numeric column is quoted.
    expect([sqlLiteral('postgres', '-12.50', int), sqlLiteral('postgres', 'NaN', col('x', 'numeric')), sqlLiteral('postgres', '42', text), sqlLiteral('postgres', null, int)])
      .toEqual(['-12.50', "'NaN'", "'42'", 'NULL']);
  });

  it('writes one INSERT per row into the result\'s table, or new_table, quoting every name', () => {
    const columns = [int, col('odd "name"', 'text')];
    const rows: Cell[][] = [['1', 'a'], ['2', null]];
    expect(formatRows('insert', rows, columns, { engine: 'postgres', table: { schema: 'app', name: 'items' } })).toBe(
      'INSERT INTO "app"."items" ("n", "odd ""name""") VALUES (1, \'a\');\nINSERT INTO "app"."items" ("n", "odd ""name""") VALUES (2, NULL);',
    );
    expect(formatRows('insert', [['1', 'a']], columns, { engine: 'mysql', table: null })).toBe('INSERT INTO `new_table` (`n`, `odd "name"`) VALUES (1, \'a\');');
    expect(() => formatRows('insert', [[{ kind: 'long', text: 'abc', length: 20_000_000 }, 'a']], columns, { engine: 'postgres', table: null })).toThrow(/cut/);
  });

  it('writes CSV with names, JSON with typed values, and a Markdown table', () => {
    const columns = [int, text];
    const rows: Cell[][] = [['1', 'a,b'], ['2', null]];
    expect(formatRows('csv', rows, columns, { engine: 'postgres', table: null })).toBe('n,t\r\n1,"a,b"\r\n2,\r\n');
    expect(JSON.parse(formatRows('json', rows, columns, { engine: 'postgres', table: null }))).toEqual([{ n: 1, t: 'a,b' }, { n: 2, t: null }]);
    expect(formatRows('json', [], columns, { engine: 'postgres', table: null })).toBe('[]');
    expect(formatRows('markdown', [['1', 'a|b\nc']], columns, { engine: 'postgres', table: null })).toBe('| n | t |\n| --- | --- |\n| 1 | a\\|b<br>c |');
  });
});
