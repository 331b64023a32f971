import { describe, expect, it } from 'vitest';
import { csvField, csvRecord } from '../../../shared/export/csv';

describe('CSV fields (RFC 4180, NULL apart from the empty string)', () => {
  it('quotes only what needs it, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(' padded ')).toBe(' padded ');
  });

  it('writes NULL as nothing and the empty string as "", booleans as words, bytes as \\x hex, long text whole', () => {
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('""');
    expect(csvField(true)).toBe('true');
    expect(csvField({ kind: 'binary', hex: '00ff', length: 2, truncated: false })).toBe('\\x00ff');
    expect(csvField({ kind: 'long', text: 'x,y', length: 3 })).toBe('"x,y"');
  });

  it('ends each record with CRLF', () => {
    expect(csvRecord(['id', null, 'a"b'])).toBe('id,,"a""b"\r\n');
  });
});
