import { describe, expect, it } from 'vitest';
import { csvRecord } from '../../../shared/export/csv';
import { detectDelimiter } from '../../../electron/core/db/import/csvDelimiter';
import { CsvParser, type CsvParserOptions, type CsvRecord } from '../../../electron/core/db/import/csvParser';

/** Feeds `text` in pieces of `size` characters. */
function parse(text: string, size = text.length || 1, options: CsvParserOptions = {}): CsvRecord[] {
  const parser = new CsvParser(options);
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

  it('splits on another delimiter, keeping commas as text, and reads unquoted empty fields as empty strings when asked', () => {
    expect(parse('id;label;note\r\n1;"a; b";2,5\r\n2;;""\r\n', 4, { delimiter: ';' }).map((r) => r.fields)).toEqual([
      ['id', 'label', 'note'],
      ['1', 'a; b', '2,5'],
      ['2', null, ''],
    ]);
    expect(parse('1\t\tx\n', 2, { delimiter: '\t', emptyAsNull: false }).map((r) => r.fields)).toEqual([['1', '', 'x']]);
  });
});

describe('detectDelimiter', () => {
  it('takes the candidate found most often outside quotes in the first record', () => {
    expect(detectDelimiter('id;label;price\n1;"a, b, c";2,5\n')).toBe(';');
    expect(detectDelimiter('"x;y;z",b\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3')).toBe('\t');
    expect(detectDelimiter('a|b\n')).toBe('|');
    expect(detectDelimiter('\n\nid;name\n')).toBe(';');
  });

  it('reads a line with none of them, or a tie, as comma-separated', () => {
    expect(detectDelimiter('single\nrow')).toBe(',');
    expect(detectDelimiter('a,b;c\n')).toBe(',');
    expect(detectDelimiter('')).toBe(',');
  });
});
