import type { Engine } from '../../../../shared/profile';
import type { Cell, ColumnMeta } from '../../../../shared/query';
import { isCutCell } from '../../../../shared/export/sqlInsert';
import type { MenuItem } from '../../components/ContextMenu';
import { copyFormatLabels, formatRows, type CopyFormat } from '../query/copyFormats';
import { copyText, rowsToTsv } from '../query/copyRows';

interface CopyTarget {
  engine: Engine;
  table: { schema: string | null; name: string };
  columns: readonly ColumnMeta[];
  row: readonly Cell[];
  column: string;
  cell: Cell | undefined;
}

const writeClipboard = (text: string, done: string, say: (text: string) => void): void =>
  void navigator.clipboard.writeText(text).then(() => say(done), () => say('Could not copy: the clipboard is not available.'));

/**
 * A table browser cell's copy commands: the value, and its row as tab-separated text or in one of
 * the copy formats (an INSERT into this table). The page holds cells cut at 256 KiB; such a value
 * says so in its label rather than pasting silently short.
 */
export function browseCopyItems(target: CopyTarget, say: (text: string) => void): MenuItem[] {
  const { engine, table, columns, row, column, cell } = target;
  const cut = cell !== undefined && isCutCell(cell);
  const items: MenuItem[] = [
    { label: cut ? 'Copy value (as shown, cut)' : 'Copy value', action: () => writeClipboard(copyText(cell), `Copied the value of ${column}.`, say) },
    { label: 'Copy row', action: () => writeClipboard(rowsToTsv([row]), 'Copied the row.', say) },
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
