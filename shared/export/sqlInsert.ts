import type { Engine } from '../profile';
import type { Cell, ColumnMeta } from '../query';
import { quoteIdentifier } from '../sql/dialect';
import { JSON_NUMBER, kindOf } from './json';

/** A cell the store could not hand over whole: SQL made from it would be wrong. */
export const isCutCell = (cell: Cell): boolean => cell !== null && typeof cell === 'object' && (cell.kind !== 'binary' || cell.truncated);

/** One SQL literal for a cell in the engine's syntax; numbers stay bare, text is quoted with the engine's escapes. */
export function sqlLiteral(engine: Engine, cell: Cell, column: ColumnMeta): string {
  if (cell === null) return 'NULL';
  if (typeof cell === 'boolean') return engine === 'sqlite' || engine === 'sqlserver' ? (cell ? '1' : '0') : cell ? 'TRUE' : 'FALSE';
  if (typeof cell === 'object') {
    if (cell.kind !== 'binary' || cell.truncated) throw new Error('a value was cut');
    if (engine === 'postgres') return `'\\x${cell.hex}'`;
    if (engine === 'sqlserver') return `0x${cell.hex}`;
    return `X'${cell.hex}'`;
  }
  if (kindOf(column) === 'number' && JSON_NUMBER.test(cell)) return cell;
  return sqlTextLiteral(engine, cell);
}

/** A string literal in the engine's syntax. MySQL reads a backslash as an escape (unless NO_BACKSLASH_ESCAPES); the others take it as is. */
export function sqlTextLiteral(engine: Engine, text: string): string {
  const body = engine === 'mysql' || engine === 'mariadb' ? text.replace(/\\/g, '\\\\').replace(/'/g, "''") : text.replace(/'/g, "''");
  return engine === 'sqlserver' ? `N'${body}'` : `'${body}'`;
}

export type TableName = { schema: string | null; name: string };

/** Writes one `INSERT INTO table (columns) VALUES (...);` per row; the column list is quoted once. */
export function insertRowWriter(engine: Engine, table: TableName | null, columns: readonly ColumnMeta[]): (row: readonly Cell[]) => string {
  const target = table
    ? [table.schema, table.name].filter((part): part is string => part !== null).map((part) => quoteIdentifier(engine, part)).join('.')
    : quoteIdentifier(engine, 'new_table');
  const prefix = `INSERT INTO ${target} (${columns.map((c) => quoteIdentifier(engine, c.name)).join(', ')}) VALUES (`;
  return (row) => `${prefix}${row.map((cell, i) => sqlLiteral(engine, cell, columns[i]!)).join(', ')});`;
}
