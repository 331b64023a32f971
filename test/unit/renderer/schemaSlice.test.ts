import { describe, expect, it } from 'vitest';
import { nextSort } from '../../../renderer/src/store/schemaSlice';

describe('table browser sorting', () => {
  it('cycles a clicked column through ascending, descending and off, replacing another column', () => {
    expect(nextSort([], 'id')).toEqual([{ column: 'id', direction: 'asc' }]);
    expect(nextSort([{ column: 'id', direction: 'asc' }], 'id')).toEqual([{ column: 'id', direction: 'desc' }]);
    expect(nextSort([{ column: 'id', direction: 'desc' }], 'id')).toEqual([]);
    expect(nextSort([{ column: 'id', direction: 'desc' }], 'name')).toEqual([{ column: 'name', direction: 'asc' }]);
  });
});
