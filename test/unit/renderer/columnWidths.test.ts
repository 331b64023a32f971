import { describe, expect, it } from 'vitest';
import { fitColumnWidth, fitColumnWidths, MAX_COLUMN_WIDTH, MAX_FITTED_WIDTH, MIN_COLUMN_WIDTH, withColumnWidth } from '../../../renderer/src/features/query/columnWidths';

describe('result column widths', () => {
  it('fits a column to the longer of its name and its cells as shown, within limits', () => {
    expect(fitColumnWidth('id', ['1', '22'])).toBe(MIN_COLUMN_WIDTH);
    const byName = fitColumnWidth('created_at_utc', ['x']);
    const byCell = fitColumnWidth('x', ['2024-01-01 00:00:00+00']);
    expect(byName).toBeGreaterThan(MIN_COLUMN_WIDTH);
    expect(byCell).toBeGreaterThan(byName);
    // NULL, booleans and bytes count as the grid writes them.
    expect(fitColumnWidth('b', [{ kind: 'binary', hex: 'ff'.repeat(8), length: 8, truncated: false }])).toBeGreaterThan(fitColumnWidth('b', ['ffff']));
    expect(fitColumnWidth('n', [null])).toBe(fitColumnWidth('n', ['NULL']));
    expect(fitColumnWidth('t', ['word '.repeat(400)])).toBe(MAX_FITTED_WIDTH);
    expect(fitColumnWidths(['id', 't'], [['1', 'word '.repeat(400)]])).toEqual([MIN_COLUMN_WIDTH, MAX_FITTED_WIDTH]);
  });

  it('a resize sets one column and keeps it within the limits', () => {
    expect(withColumnWidth([100, 100], 1, 250.4)).toEqual([100, 250]);
    expect(withColumnWidth([100, 100], 0, 3)).toEqual([MIN_COLUMN_WIDTH, 100]);
    expect(withColumnWidth([100], 0, 1e9)).toEqual([MAX_COLUMN_WIDTH]);
  });
});
