import { BurrowError } from '../../../../shared/errors';
import type { Engine } from '../../../../shared/profile';
import type { ColumnInfo } from '../../../../shared/query';
import { qualifiedTable, quoteIdentifier } from '../../../../shared/sql/dialect';
import { BindParams } from '../sql/bindParams';

/** A table column to fill and the file column (its index in each record) it is filled from. */
export interface ImportColumn {
  name: string;
  field: number;
  /** Binary columns take the export's `\x` hex text, turned into bytes by the server. */
  binary: boolean;
}

export interface ImportPlan {
  columns: ImportColumn[];
  /** Table columns no file column fills: they get their default. */
  missing: string[];
}

const BINARY_TYPE = /^(bytea|blob|tinyblob|mediumblob|longblob|binary|varbinary|image)\b/i;
const HEX_TEXT = /^\\x((?:[0-9a-fA-F]{2})*)$/;

/**
 * The table column each file column fills unless the user says otherwise. With a header: the exact
 * name, else the one name that matches without regard to case, each table column at most once.
 * Without one: the table column at the same position. Null where nothing matches.
 */
export function suggestColumns(tableColumns: readonly ColumnInfo[], fileColumns: readonly string[], header: boolean): (string | null)[] {
  if (!header) return fileColumns.map((_label, index) => tableColumns[index]?.name ?? null);
  const used = new Set<string>();
  return fileColumns.map((name) => {
    const exact = tableColumns.find((column) => column.name === name);
    const folded = tableColumns.filter((column) => column.name.toLowerCase() === name.toLowerCase());
    const column = exact ?? (folded.length === 1 ? folded[0] : undefined);
    if (!column || used.has(column.name)) return null;
    used.add(column.name);
    return column.name;
  });
}

/**
 * The plan for a mapping: for each file column, the table column it fills or null to leave it out.
 * Refuses a name the table lacks, a table column filled twice, and a mapping that fills nothing.
 */
export function planImport(tableColumns: readonly ColumnInfo[], mapping: readonly (string | null)[], tableLabel: string): ImportPlan {
  const columns: ImportColumn[] = [];
  const filledBy = new Map<string, number>();
  mapping.forEach((name, field) => {
    if (name === null) return;
    const column = tableColumns.find((c) => c.name === name);
    if (!column) throw new BurrowError('VALIDATION', `file column ${field + 1}: ${tableLabel} has no column ${name}`, { field: field + 1, column: name });
    const earlier = filledBy.get(name);
    if (earlier !== undefined) {
      throw new BurrowError('VALIDATION', `file columns ${earlier + 1} and ${field + 1} both fill ${name}: leave one of them out`, { column: name });
    }
    filledBy.set(name, field);
    columns.push({ name, field, binary: BINARY_TYPE.test(column.dataType) });
  });
  if (columns.length === 0) throw new BurrowError('VALIDATION', `no file column is set to fill a column of ${tableLabel}: choose at least one`);
  return { columns, missing: tableColumns.filter((column) => !filledBy.has(column.name)).map((column) => column.name) };
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
    `(${columns.map((column) => {
      const value = fields[column.field] ?? null;
      if (!column.binary) return bind.add(value);
      return binaryPlaceholder(engine, bind.add(value === null ? null : binaryValue(engine, value, line, column.name)));
    }).join(', ')})`);
  const names = columns.map((column) => quoteIdentifier(engine, column.name)).join(', ');
  return { sql: `INSERT INTO ${qualifiedTable(engine, table)} (${names}) VALUES ${tuples.join(', ')}`, params: bind.values };
}
