import type { Cell, ColumnMeta } from '../../../../shared/query';
import type { Engine } from '../../../../shared/profile';
import { csvRecord } from '../../../../shared/export/csv';
import { JSON_NUMBER, jsonRowWriter, kindOf } from '../../../../shared/export/json';
import { quoteIdentifier } from '../../../../shared/sql/dialect';
import { copyText } from './copyRows';

export type CopyFormat = 'csv' | 'json' | 'insert' | 'markdown';

export const copyFormatLabels: Record<CopyFormat, string> = { csv: 'CSV', json: 'JSON', insert: 'SQL INSERT', markdown: 'Markdown' };

/** A cell the store could not hand over whole (over the copy's 16 MB a cell): SQL made from it would be wrong. */
const isCut = (cell: Cell): boolean => cell !== null && typeof cell === 'object' && (cell.kind !== 'binary' || cell.truncated);

/** Pure: one SQL literal for a cell in the engine's syntax; numbers stay bare, text is quoted with the engine's escapes. */
export function sqlLiteral(engine: Engine, cell: Cell, column: ColumnMeta): string {
  if (cell === null) return 'NULL';
  if (typeof cell === 'boolean') return engine === 'sqlite' || engine === 'sqlserver' ? (cell ? '1' : '0') : cell ? 'TRUE' : 'FALSE';
  if (typeof cell === 'object') {
    if (cell.kind !== 'binary') throw new Error('a value was cut');
    if (engine === 'postgres') return `'\\x${cell.hex}'`;
    if (engine === 'sqlserver') return `0x${cell.hex}`;
    return `X'${cell.hex}'`;
  }
  if (kindOf(column) === 'number' && JSON_NUMBER.test(cell)) return cell;
  return sqlTextLiteral(engine, cell);
}

/** Pure: a string literal in the engine's syntax. MySQL reads a backslash as an escape (unless NO_BACKSLASH_ESCAPES); the others take it as is. */
export function sqlTextLiteral(engine: Engine, text: string): string {
  const body = engine === 'mysql' || engine === 'mariadb' ? text.replace(/\\/g, '\\\\').replace(/'/g, "''") : text.replace(/'/g, "''");
  return engine === 'sqlserver' ? `N'${body}'` : `'${body}'`;
}

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
  const { engine, table } = options;
  if (rows.some((row) => row.some(isCut))) throw new Error('a value is over 16 MB and was cut, so INSERT statements would not hold it');
  const target = table ? [table.schema, table.name].filter((part): part is string => part !== null).map((part) => quoteIdentifier(engine, part)).join('.') : quoteIdentifier(engine, 'new_table');
  const names = columns.map((c) => quoteIdentifier(engine, c.name)).join(', ');
  return rows.map((row) => `INSERT INTO ${target} (${names}) VALUES (${row.map((cell, i) => sqlLiteral(engine, cell, columns[i]!)).join(', ')});`).join('\n');
}
