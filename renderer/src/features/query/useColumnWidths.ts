import { useEffect, useState } from 'react';
import type { Cell, ResultSummary } from '../../../../shared/query';
import { DEFAULT_COLUMN_WIDTH, fitColumnWidth, fitColumnWidths, withColumnWidth } from './columnWidths';

/** Rows sampled to fit the columns when a result first shows. */
const SAMPLE_ROWS = 100;

/**
 * A result's column widths: fitted to the names and the first rows once they arrive (not again, so
 * nothing jumps while the user reads), then as the user drags or fits them.
 */
export function useColumnWidths(result: ResultSummary, rowAt: (index: number) => Cell[] | undefined) {
  const [widths, setWidths] = useState<number[] | null>(null);
  useEffect(() => setWidths(null), [result.resultId]);
  const names = result.columns.map((c) => c.name);
  useEffect(() => {
    if (widths) return;
    const sample: Cell[][] = [];
    for (let i = 0; i < Math.min(result.rowCount, SAMPLE_ROWS); i++) {
      const row = rowAt(i);
      if (!row) break;
      sample.push(row);
    }
    if (sample.length > 0 || (result.complete && result.rowCount === 0)) setWidths(fitColumnWidths(names, sample));
  });
  const shown = widths ?? names.map(() => DEFAULT_COLUMN_WIDTH);
  return {
    widths: shown,
    resize: (column: number, width: number) => setWidths(withColumnWidth(shown, column, width)),
    /** Fits one column to the rows given (those loaded around the view). */
    fit: (column: number, rows: readonly (Cell[] | undefined)[]) => setWidths(withColumnWidth(shown, column, fitColumnWidth(names[column] ?? '', rows.map((row) => row?.[column])))),
  };
}
