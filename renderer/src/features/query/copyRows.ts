import type { Cell } from '../../../../shared/query';
import { burrow } from '../../ipc/client';

/** The most rows one copy takes from the store, so a stray Ctrl+A, Ctrl+C cannot freeze the window. */
export const MAX_COPY_ROWS = 100_000;
/** Cells are copied whole up to the contract's largest cell (the grid shows them cut). */
const COPY_CELL_BYTES = 16 * 1024 * 1024;
/** Text one copy gathers at most; past it the copy stops at a whole row and says so. */
export const MAX_COPY_CHARS = 64 * 1024 * 1024;
const FETCH_ROWS = 5_000;

/** A cell as pasted text: the value itself, without the grid's decorations (binary as 0x hex, no byte count). */
export function copyText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return 'NULL';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  if (typeof cell === 'string') return cell;
  if (cell.kind === 'binary') return `0x${cell.hex}${cell.truncated ? '…' : ''}`;
  return `${cell.text}…`;
}

/** A TSV field: quoted (with doubled quotes) when it holds a tab, a line break or a quote. */
function field(cell: Cell | undefined): string {
  const text = copyText(cell);
  return /[\t\r\n"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Pure: rows as tab-separated text, one line each, as spreadsheets and other SQL clients paste it. */
export function rowsToTsv(rows: readonly (readonly Cell[])[], header?: readonly string[]): string {
  const lines = rows.map((row) => row.map(field).join('\t'));
  if (header) lines.unshift(header.map((name) => field(name)).join('\t'));
  return lines.join('\n');
}

const cellChars = (cell: Cell): number => (cell === null || typeof cell === 'boolean' ? 5 : typeof cell === 'string' ? cell.length : cell.kind === 'binary' ? cell.hex.length + 2 : cell.text.length);

/**
 * Reads rows [first, last] of a stored result from the main process, with whole cells: at most
 * MAX_COPY_ROWS rows and about MAX_COPY_CHARS of text. `cut` says which limit ended it early.
 */
export async function fetchRows(resultId: string, first: number, last: number): Promise<{ rows: Cell[][]; cut: 'rows' | 'size' | null }> {
  const end = Math.min(last, first + MAX_COPY_ROWS - 1);
  const rows: Cell[][] = [];
  let chars = 0;
  for (let offset = first; offset <= end; offset += FETCH_ROWS) {
    const window = await burrow().query.rows({ resultId, offset, limit: Math.min(FETCH_ROWS, end - offset + 1), maxCellBytes: COPY_CELL_BYTES });
    if (!window.ok) throw new Error(`${window.error.code}: ${window.error.message}`);
    for (const row of window.value.rows) {
      chars += row.reduce((sum, cell) => sum + cellChars(cell) + 1, 0);
      if (chars > MAX_COPY_CHARS && rows.length > 0) return { rows, cut: 'size' };
      rows.push(row);
    }
  }
  return { rows, cut: end < last ? 'rows' : null };
}
