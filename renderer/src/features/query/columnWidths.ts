import type { Cell } from '../../../../shared/query';
import { cellText } from './cellText';

export const MIN_COLUMN_WIDTH = 48;
export const MAX_COLUMN_WIDTH = 2000;
/** Auto-fit never goes wider than this: a long text column should not push the others off screen. */
export const MAX_FITTED_WIDTH = 360;
export const DEFAULT_COLUMN_WIDTH = 120;
/** The grid's monospace 12px font, and a cell's horizontal padding (with the header's sort of slack). */
const CHAR_PX = 7.25;
const PADDING_PX = 20;

const clamp = (width: number, max: number): number => Math.round(Math.min(max, Math.max(MIN_COLUMN_WIDTH, width)));

/** Pure: a column's width fitted to its name and the sampled cells as the grid shows them. */
export function fitColumnWidth(name: string, cells: readonly (Cell | undefined)[]): number {
  let chars = name.length + 1;
  for (const cell of cells) {
    if (chars * CHAR_PX >= MAX_FITTED_WIDTH) break;
    chars = Math.max(chars, cellText(cell).text.length);
  }
  return clamp(chars * CHAR_PX + PADDING_PX, MAX_FITTED_WIDTH);
}

/** Pure: every column fitted to its name and the sampled rows. */
export function fitColumnWidths(names: readonly string[], rows: readonly (readonly Cell[])[]): number[] {
  return names.map((name, column) => fitColumnWidth(name, rows.map((row) => row[column])));
}

/** Pure: the widths with one column set to `width` (kept within the limits). */
export function withColumnWidth(widths: readonly number[], column: number, width: number): number[] {
  return widths.map((old, i) => (i === column ? clamp(width, MAX_COLUMN_WIDTH) : old));
}
