import type { Engine } from '../../../../shared/profile';
import type { Cell, ColumnMeta } from '../../../../shared/query';
import { isCutCell } from '../../../../shared/export/sqlInsert';
import type { MenuItem } from '../../components/ContextMenu';
import { copyFormatLabels, formatRows, type CopyFormat } from '../query/copyFormats';
import { copyText, rowsToTsv } from '../query/copyRows';
import { burrow } from '../../ipc/client';
import type { BrowseView } from '../../store/schemaSlice';

/** The most of one cell a browse request returns (the cell viewer's limit too). */
const WHOLE_CELL_BYTES = 16 * 1024 * 1024;

interface CopyTarget {
  engine: Engine;
  table: { schema: string | null; name: string };
  columns: readonly ColumnMeta[];
  row: readonly Cell[];
  column: string;
  cell: Cell | undefined;
  /** Reads the row again with its cells whole (up to 16 MB each), for a value the page holds cut. */
  readWhole(): Promise<{ row: readonly Cell[] } | { error: string }>;
}

const sameCell = (a: Cell | undefined, b: Cell | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Copies a value the page holds cut: the row is read again whole; if its other cells differ from
 * the page's, the row changed (or moved) since the page was read, and nothing is copied.
 */
async function copyWholeValue(target: CopyTarget, say: (text: string) => void): Promise<void> {
  say(`Reading the whole value of ${target.column}…`);
  const answer = await target.readWhole();
  if ('error' in answer) {
    say(`Could not copy: ${answer.error}`);
    return;
  }
  const index = target.columns.findIndex((c) => c.name === target.column);
  const whole = answer.row[index];
  const unchanged = answer.row.length === target.row.length && target.row.every((cell, i) => i === index || isCutCell(cell) || sameCell(cell, answer.row[i]));
  if (!unchanged) {
    say('Could not copy: the row changed since this page was read. Reload, then copy again.');
    return;
  }
  if (whole !== undefined && isCutCell(whole)) {
    say(`Could not copy: the value of ${target.column} is over 16 MB. Export the table to get it whole.`);
    return;
  }
  writeClipboard(copyText(whole), `Copied the whole value of ${target.column}.`, say);
}

const writeClipboard = (text: string, done: string, say: (text: string) => void): void =>
  void navigator.clipboard.writeText(text).then(() => say(done), () => say('Could not copy: the clipboard is not available.'));

/**
 * A table browser cell's copy commands: the value, and its row as tab-separated text or in one of
 * the copy formats (an INSERT into this table). The page holds cells cut at 256 KiB: Copy value
 * reads such a cell's row again whole (see copyWholeValue), and the row copies say they are cut.
 */
export function browseCopyItems(target: CopyTarget, say: (text: string) => void): MenuItem[] {
  const { engine, table, columns, row, column, cell } = target;
  const cut = cell !== undefined && isCutCell(cell);
  const rowCut = row.some(isCutCell);
  const items: MenuItem[] = [
    { label: 'Copy value', action: () => (cut ? void copyWholeValue(target, say) : writeClipboard(copyText(cell), `Copied the value of ${column}.`, say)) },
    { label: rowCut ? 'Copy row (as shown, cut)' : 'Copy row', action: () => writeClipboard(rowsToTsv([row]), 'Copied the row.', say) },
  ];
  for (const format of ['csv', 'json', 'insert'] as const satisfies readonly CopyFormat[]) {
    items.push({
      label: `Copy row as ${copyFormatLabels[format]}`,
      action: () => {
        try {
          writeClipboard(formatRows(format, [row], columns, { engine, table }), `Copied the row as ${copyFormatLabels[format]}.`, say);
        } catch (error) {
          say(`Could not copy: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
    });
  }
  return items;
}

/** The page's row `index` read again from the server with every cell whole (up to 16 MB). */
export async function readRowWhole(view: BrowseView, index: number): Promise<{ row: readonly Cell[] } | { error: string }> {
  const answer = await burrow().schema.browse({
    connectionId: view.sessionId, table: view.table, sort: view.sort, filters: view.filters, offset: view.offset + index, limit: 1, maxCellBytes: WHOLE_CELL_BYTES,
  });
  if (!answer.ok) return { error: `${answer.error.code}: ${answer.error.message}` };
  const row = answer.value.rows[0];
  return row ? { row } : { error: 'the row is gone since this page was read. Reload, then copy again.' };
}
