import type { Cell } from '../../../../shared/query';
import { burrow } from '../../ipc/client';
import { cellText } from './cellText';

/** The most rows one copy takes from the store, so a stray Ctrl+A, Ctrl+C cannot freeze the window. */
export const MAX_COPY_ROWS = 100_000;
const FETCH_ROWS = 5_000;

/** A TSV field: quoted (with doubled quotes) when it holds a tab, a line break or a quote. */
function field(cell: Cell | undefined): string {
  const text = cell === null ? 'NULL' : cellText(cell).text;
  return /[\t\r\n"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Pure: rows as tab-separated text, one line each, as spreadsheets and other SQL clients paste it. */
export function rowsToTsv(rows: readonly (readonly Cell[])[], header?: readonly string[]): string {
  const lines = rows.map((row) => row.map(field).join('\t'));
  if (header) lines.unshift(header.map((name) => field(name)).join('\t'));
  return lines.join('\n');
}

/** Reads rows [first, last] of a stored result from the main process (at most MAX_COPY_ROWS). */
export async function fetchRows(resultId: string, first: number, last: number): Promise<Cell[][]> {
  const end = Math.min(last, first + MAX_COPY_ROWS - 1);
  const rows: Cell[][] = [];
  for (let offset = first; offset <= end; offset += FETCH_ROWS) {
    const window = await burrow().query.rows({ resultId, offset, limit: Math.min(FETCH_ROWS, end - offset + 1) });
    if (!window.ok) throw new Error(`${window.error.code}: ${window.error.message}`);
    rows.push(...window.value.rows);
  }
  return rows;
}
