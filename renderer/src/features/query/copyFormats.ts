import type { Cell, ColumnMeta } from '../../../../shared/query';
import type { Engine } from '../../../../shared/profile';
import { csvRecord } from '../../../../shared/export/csv';
import { jsonRowWriter } from '../../../../shared/export/json';
import { insertRowWriter, isCutCell } from '../../../../shared/export/sqlInsert';
import { copyText } from './copyRows';

export type CopyFormat = 'csv' | 'json' | 'insert' | 'markdown';

export const copyFormatLabels: Record<CopyFormat, string> = { csv: 'CSV', json: 'JSON', insert: 'SQL INSERT', markdown: 'Markdown' };

const markdownCell = (cell: Cell): string => {
  const text = copyText(cell);
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
};

/**
 * Pure: rows as text to paste, with their column names: CSV (RFC 4180, NULL as an empty field),
 * JSON (an array of objects, numbers and json as values), one INSERT per row into `table` in the
 * engine's quoting, or a Markdown table. INSERT refuses cells it could not copy whole.
 */
export function formatRows(format: CopyFormat, rows: readonly (readonly Cell[])[], columns: readonly ColumnMeta[], options: { engine: Engine; table: { schema: string | null; name: string } | null }): string {
  if (format === 'csv') return [csvRecord(columns.map((c) => c.name)), ...rows.map((row) => csvRecord(row))].join('');
  if (format === 'json') {
    const write = jsonRowWriter(columns);
    return rows.length === 0 ? '[]' : `[\n${rows.map((row) => `  ${write(row)}`).join(',\n')}\n]`;
  }
  if (format === 'markdown') {
    const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
    return [line(columns.map((c) => markdownCell(c.name))), line(columns.map(() => '---')), ...rows.map((row) => line(row.map(markdownCell)))].join('\n');
  }
  if (rows.some((row) => row.some(isCutCell))) throw new Error('a value is over 16 MB and was cut, so INSERT statements would not hold it');
  const insert = insertRowWriter(options.engine, options.table, columns);
  return rows.map(insert).join('\n');
}
