import { BurrowError } from '../../../../shared/errors';
import type { Engine } from '../../../../shared/profile';
import type { ColumnInfo } from '../../../../shared/query';
import { qualifiedTable, quoteIdentifier } from '../../../../shared/sql/dialect';
import { BindParams } from '../sql/bindParams';

/** A file column and the table column it fills. */
export interface ImportColumn {
  name: string;
  /** Binary columns take the export's `\x` hex text, turned into bytes by the server. */
  binary: boolean;
}

export interface ImportPlan {
  columns: ImportColumn[];
  unknown: string[];
  missing: string[];
}

const BINARY_TYPE = /^(bytea|blob|tinyblob|mediumblob|longblob|binary|varbinary|image)\b/i;
const HEX_TEXT = /^\\x((?:[0-9a-fA-F]{2})*)$/;

/**
 * Matches a file's header to a table's columns: the exact name, else the one name that matches
 * without regard to case. A header naming a column twice is refused.
 */
export function planImport(tableColumns: readonly ColumnInfo[], header: readonly string[]): ImportPlan {
  const seen = new Set<string>();
  const columns: ImportColumn[] = [];
  const unknown: string[] = [];
  for (const name of header) {
    const exact = tableColumns.find((column) => column.name === name);
    const folded = tableColumns.filter((column) => column.name.toLowerCase() === name.toLowerCase());
    const column = exact ?? (folded.length === 1 ? folded[0] : undefined);
    if (!column) {
      unknown.push(name);
      continue;
    }
    if (seen.has(column.name)) throw new BurrowError('VALIDATION', `the file's first line names the column ${column.name} twice`, { column: column.name });
    seen.add(column.name);
    columns.push({ name: column.name, binary: BINARY_TYPE.test(column.dataType) });
  }
  return { columns, unknown, missing: tableColumns.filter((column) => !seen.has(column.name)).map((column) => column.name) };
}

/** Rows each INSERT carries: few statements, under every engine's limit on bind parameters. */
export function rowsPerInsert(engine: Engine, columns: number): number {
  const maxParams = engine === 'sqlserver' ? 2000 : engine === 'sqlite' ? 32_000 : 60_000;
  return Math.max(1, Math.min(500, Math.floor(maxParams / Math.max(1, columns))));
}

/** The placeholder of a binary value, which arrives as `\x` hex text: PostgreSQL reads that itself. */
function binaryPlaceholder(engine: Engine, placeholder: string): string {
  if (engine === 'mysql' || engine === 'mariadb') return `UNHEX(${placeholder})`;
  if (engine === 'sqlite') return `unhex(${placeholder})`;
  if (engine === 'sqlserver') return `CONVERT(varbinary(max), ${placeholder}, 1)`;
  return placeholder;
}

function binaryValue(engine: Engine, value: string, line: number, column: string): string {
  if (engine === 'postgres') return value;
  const hex = HEX_TEXT.exec(value)?.[1];
  if (hex === undefined) {
    throw new BurrowError('VALIDATION', `line ${line}, column ${column}: a binary value is written as \\x and hex digits (as Burrow exports it), not "${value.length > 20 ? `${value.slice(0, 20)}…` : value}"`, { line, column });
  }
  return engine === 'sqlserver' ? `0x${hex}` : hex;
}

/** One multi-row INSERT of `rows` (each with its file line), every value a bind parameter. */
export function insertRows(
  engine: Engine,
  table: { schema: string | null; name: string },
  columns: readonly ImportColumn[],
  rows: readonly { line: number; fields: readonly (string | null)[] }[],
): { sql: string; params: (string | null)[] } {
  const bind = new BindParams<string | null>(engine);
  const tuples = rows.map(({ line, fields }) =>
    `(${columns.map((column, index) => {
      const value = fields[index] ?? null;
      if (!column.binary) return bind.add(value);
      return binaryPlaceholder(engine, bind.add(value === null ? null : binaryValue(engine, value, line, column.name)));
    }).join(', ')})`);
  const names = columns.map((column) => quoteIdentifier(engine, column.name)).join(', ');
  return { sql: `INSERT INTO ${qualifiedTable(engine, table)} (${names}) VALUES ${tuples.join(', ')}`, params: bind.values };
}
