import { describe, expect, it } from 'vitest';
import { rowsToTsv } from '../../../renderer/src/features/query/copyRows';

describe('copying rows as TSV', () => {
  it('writes NULL distinctly from the empty string, quotes fields with tabs, breaks or quotes, and shows binary as hex', () => {
    const tsv = rowsToTsv([
      ['1', null, '', 'plain'],
      ['2', 'a\tb', 'line 1\nline 2', 'say "hi"'],
      [true, { kind: 'binary', hex: '00ff', length: 2, truncated: false }, '😀 שלום', false],
    ], ['id', 'a', 'b', 'c']);
    expect(tsv.split('\n')).toEqual([
      'id\ta\tb\tc',
      '1\tNULL\t\tplain',
      '2\t"a\tb"\t"line 1',
      'line 2"\t"say ""hi"""',
      'true\t0x00ff (2 bytes)\t😀 שלום\tfalse',
    ]);
    expect(rowsToTsv([['x']])).toBe('x');
  });
});
