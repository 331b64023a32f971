import { describe, expect, it } from 'vitest';
import { csvRecord } from '../../../shared/export/csv';
import { CsvParser, type CsvRecord } from '../../../electron/core/db/import/csvParser';

/** Feeds `text` in pieces of `size` characters. */
function parse(text: string, size = text.length || 1): CsvRecord[] {
  const parser = new CsvParser();
  const records: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += size) records.push(...parser.push(text.slice(i, i + size)));
  records.push(...parser.end());
  return records;
}

describe('CsvParser', () => {
  it('reads quoted fields with commas, quotes and line breaks, NULL apart from the empty string, and the line each record starts on', () => {
    const text = 'id,label,note\r\n1,"a, ""b""",\r\n2,"",x\r\n3,"two\nlines",y\r\n4,plain,z';
    const expected = [
      { line: 1, fields: ['id', 'label', 'note'] },
      { line: 2, fields: ['1', 'a, "b"', null] },
      { line: 3, fields: ['2', '', 'x'] },
      { line: 4, fields: ['3', 'two\nlines', 'y'] },
      { line: 6, fields: ['4', 'plain', 'z'] },
    ];
    expect(parse(text)).toEqual(expected);
    // The same records whatever the pieces, even one character at a time (a "" split across pieces).
    for (const size of [1, 2, 3, 7]) expect(parse(text, size)).toEqual(expected);
  });

  it('takes LF or CRLF, skips blank lines and a byte order mark, and keeps a last record without a line break', () => {
    expect(parse('\uFEFFa,b\n\n1,2\r\n\r\n3,4')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
      { line: 5, fields: ['3', '4'] },
    ]);
    expect(parse('a\n""\n')).toEqual([{ line: 1, fields: ['a'] }, { line: 2, fields: [''] }]);
  });

  it('reads back what Burrow\'s CSV export writes', () => {
    const rows = [['1', 'comma, "quote"\nand line', null, ''], ['2', 'émoji 🦫', '\\x00ff', 'end']];
    expect(parse(rows.map(csvRecord).join(''), 5).map((r) => r.fields)).toEqual(rows);
  });

  it('refuses text after a closing quote and a quote never closed, naming the line', () => {
    expect(() => parse('a,b\n1,"x"y\n')).toThrow(/line 2: "y" after a quoted field's closing quote/);
    expect(() => parse('a,b\n1,"never\nclosed')).toThrow(/line 2: a quoted field is never closed/);
  });
});
