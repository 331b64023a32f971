import { describe, expect, it } from 'vitest';
import { rowsToTsv } from '../../../renderer/src/features/query/copyRows';

describe('copying rows as TSV', () => {
  it('writes NULL distinctly from the empty string, quotes fields with tabs, breaks or quotes, and writes binary as bare 0x hex', () => {
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
      'true\t0x00ff\t😀 שלום\tfalse',
    ]);
    expect(rowsToTsv([['x']])).toBe('x');
    // A cell still cut (past the largest cell a window carries) says so with an ellipsis, and nothing else.
    expect(rowsToTsv([[{ kind: 'long', text: 'abc', length: 9 }, { kind: 'binary', hex: 'ab', length: 9, truncated: true }]])).toBe('abc…\t0xab…');
  });
});
