import { describe, expect, it } from 'vitest';
import { cellFilters } from '../../../renderer/src/features/schema/cellFilters';

describe('quick filters from a browsed cell', () => {
  it('offers =, <> and IS NOT NULL for a value, IS NULL for a NULL', () => {
    expect(cellFilters('status', 'shipped').map((f) => f.filter)).toEqual([
      { column: 'status', op: '=', value: 'shipped' },
      { column: 'status', op: '<>', value: 'shipped' },
      { column: 'status', op: 'is not null' },
    ]);
    expect(cellFilters('note', null)).toEqual([{ label: 'note IS NULL', filter: { column: 'note', op: 'is null' } }]);
    expect(cellFilters('ok', true)[0]!.filter).toEqual({ column: 'ok', op: '=', value: 'true' });
  });

  it('filters by the whole value but shows it short, and offers only the NULL test for cut or binary cells', () => {
    const long = 'x'.repeat(100);
    expect(cellFilters('body', long)[0]).toEqual({ label: `body = ${'x'.repeat(40)}…`, filter: { column: 'body', op: '=', value: long } });
    expect(cellFilters('blob', { kind: 'binary', hex: '00', length: 1, truncated: false }).map((f) => f.label)).toEqual(['blob IS NOT NULL']);
    expect(cellFilters('text', { kind: 'long', text: 'abc', length: 9_999_999 }).map((f) => f.label)).toEqual(['text IS NOT NULL']);
    expect(cellFilters('x', undefined)).toEqual([]);
  });
});
