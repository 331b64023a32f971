import { afterEach, describe, expect, it } from 'vitest';
import { fetchRows, MAX_COPY_CHARS, MAX_COPY_ROWS, rowsToTsv } from '../../../renderer/src/features/query/copyRows';

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

describe('reading rows to copy', () => {
  const requests: { offset: number; limit: number; maxCellBytes?: number }[] = [];
  afterEach(() => {
    delete (globalThis as { burrow?: unknown }).burrow;
    requests.length = 0;
  });
  const texts = new Map<number, string>();
  /** One string per width, shared by every row that has it (a thousand 1 MB cells cost 1 MB). */
  const text = (width: number): string => texts.get(width) ?? texts.set(width, 'x'.repeat(width)).get(width)!;
  /** A stand-in store whose row i holds one text cell of `width(i)` characters. */
  const serve = (width: (index: number) => number): void => {
    (globalThis as { burrow?: unknown }).burrow = {
      query: {
        rows: async (request: { offset: number; limit: number; maxCellBytes?: number }) => {
          requests.push(request);
          const rows = Array.from({ length: request.limit }, (_v, i) => [text(width(request.offset + i))]);
          return { ok: true, value: { resultId: 'r', offset: request.offset, rows, rowCount: 1e9, complete: true } };
        },
      },
    };
  };

  it('asks for whole cells, a window at a time, and stops at the row limit', async () => {
    serve(() => 1);
    const all = await fetchRows('r', 10, 10 + MAX_COPY_ROWS + 500);
    expect(all.rows).toHaveLength(MAX_COPY_ROWS);
    expect(all.cut).toBe('rows');
    expect(requests.every((request) => request.maxCellBytes === 16 * 1024 * 1024)).toBe(true);
    expect(requests[0]).toMatchObject({ offset: 10, limit: 5000 });
    requests.length = 0;
    expect(await fetchRows('r', 0, 2)).toEqual({ rows: [['x'], ['x'], ['x']], cut: null });
  });

  it('stops at a whole row once the text passes the size limit, but always copies one row', async () => {
    serve(() => 1024 * 1024);
    const big = await fetchRows('r', 0, 999);
    expect(big.cut).toBe('size');
    expect(big.rows).toHaveLength(Math.floor(MAX_COPY_CHARS / (1024 * 1024 + 1)));
    serve(() => MAX_COPY_CHARS + 10);
    expect(await fetchRows('r', 0, 5)).toMatchObject({ rows: [[text(MAX_COPY_CHARS + 10)]], cut: 'size' });
  });
});
