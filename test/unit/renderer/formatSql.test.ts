import { describe, expect, it } from 'vitest';
import { formatSql, MAX_FORMAT_CHARS } from '../../../renderer/src/features/query/formatSql';

describe('Format SQL', () => {
  it('lays SQL out in the engine\'s dialect, keeping quoted text as it is', () => {
    expect(formatSql("select id,name from customers where id=1 and note='a;b'", 'postgres')).toEqual({
      ok: true, text: "SELECT\n  id,\n  name\nFROM\n  customers\nWHERE\n  id = 1\n  AND note = 'a;b'",
    });
    expect(formatSql('select $$ x  y $$ as body', 'postgres')).toEqual({ ok: true, text: 'SELECT\n  $$ x  y $$ AS body' });
    expect(formatSql('select `weird col` from t limit 5', 'mariadb')).toEqual({ ok: true, text: 'SELECT\n  `weird col`\nFROM\n  t\nLIMIT\n  5' });
    expect(formatSql('select top 5 [id] from dbo.t', 'sqlserver')).toEqual({ ok: true, text: 'SELECT\n  TOP 5 [id]\nFROM\n  dbo.t' });
  });

  it('refuses text too long to lay out without freezing the window, saying what to do', () => {
    const long = 'SELECT 1;\n'.repeat(Math.ceil((MAX_FORMAT_CHARS + 1) / 10));
    expect(formatSql(long, 'postgres')).toEqual({ ok: false, error: 'the text is 101 KB, and Format takes at most 100 KB at a time: select a part of it' });
    expect(formatSql('SELECT 1;\n'.repeat(MAX_FORMAT_CHARS / 10 - 1), 'postgres').ok).toBe(true);
  });

  it('says where text it cannot parse goes wrong, in one line', () => {
    const result = formatSql('select (', 'mysql');
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^at token: «EOF» at line 1 column 9$/) });
  });
});
