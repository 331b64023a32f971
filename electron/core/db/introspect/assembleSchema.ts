import type { ColumnInfo, ForeignKeyInfo, IndexInfo, SchemaInfo, TableInfo } from '../../../../shared/query';

/** Runs one parameterised catalog query; rows come back as arrays in select-list order. */
export type CatalogQuery = (sql: string, params: unknown[]) => Promise<unknown[][]>;

/** Catalog rows in a shape every engine's queries produce. Schema may be null (sqlite). */
export type TableRow = [schema: string | null, name: string, kind: 'table' | 'view', estimatedRows: number | null];
export type ColumnRow = [schema: string | null, table: string, column: ColumnInfo];
export type IndexRow = [schema: string | null, table: string, index: IndexInfo];
export type ForeignKeyRow = [schema: string | null, table: string, foreignKey: ForeignKeyInfo];

const keyOf = (schema: string | null, table: string): string => `${schema ?? ''}\u0000${table}`;

/** Joins the per-table catalog rows onto their tables, keeping the tables' order. */
export function assembleSchema(parts: {
  databases: string[];
  currentDatabase: string;
  schemas: string[];
  tables: TableRow[];
  columns: ColumnRow[];
  indexes: IndexRow[];
  foreignKeys: ForeignKeyRow[];
}): SchemaInfo {
  const byKey = new Map<string, TableInfo>();
  const tables = parts.tables.map(([schema, name, kind, estimatedRows]) => {
    const table: TableInfo = { schema, name, kind, estimatedRows, columns: [], indexes: [], foreignKeys: [] };
    byKey.set(keyOf(schema, name), table);
    return table;
  });
  for (const [schema, table, column] of parts.columns) byKey.get(keyOf(schema, table))?.columns.push(column);
  for (const [schema, table, index] of parts.indexes) byKey.get(keyOf(schema, table))?.indexes.push(index);
  for (const [schema, table, foreignKey] of parts.foreignKeys) byKey.get(keyOf(schema, table))?.foreignKeys.push(foreignKey);
  for (const table of tables) table.columns.sort((a, b) => a.ordinal - b.ordinal);
  return { databases: parts.databases, currentDatabase: parts.currentDatabase, schemas: parts.schemas, tables };
}

export const asText = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
export const asNullableText = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
export const asNumberOrNull = (value: unknown): number | null => {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};
export const asBool = (value: unknown): boolean => value === true || value === 't' || value === 1 || value === '1' || value === 1n;
/** A PostgreSQL text[] literal or a comma-joined list, as an array. */
export const asList = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.map(String);
  const text = asText(value);
  if (text === '') return [];
  if (text.startsWith('{') && text.endsWith('}')) return parsePgArray(text);
  return text.split(',');
};

function parsePgArray(literal: string): string[] {
  const out: string[] = [];
  let i = 1;
  while (i < literal.length - 1) {
    if (literal[i] === '"') {
      let value = '';
      i++;
      while (i < literal.length && literal[i] !== '"') {
        if (literal[i] === '\\') i++;
        value += literal[i] ?? '';
        i++;
      }
      out.push(value);
      i += 2;
    } else {
      const end = literal.indexOf(',', i);
      const stop = end === -1 ? literal.length - 1 : end;
      out.push(literal.slice(i, stop));
      i = stop + 1;
    }
  }
  return out;
}

/** Runs catalog queries one after another (one connection runs one query at a time). */
export async function inSequence<T extends (() => Promise<unknown>)[]>(queries: [...T]): Promise<{ [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const out: unknown[] = [];
  for (const run of queries) out.push(await run());
  return out as { [K in keyof T]: Awaited<ReturnType<T[K]>> };
}

/** Catalog rows `schema, name, kind ('view' or anything else), estimated rows`, as every engine's query returns them. */
export const tableRowsFrom = (rows: unknown[][]): TableRow[] =>
  rows.map((r) => [asText(r[0]), asText(r[1]), r[2] === 'view' ? 'view' : 'table', asNumberOrNull(r[3])]);

/** Catalog rows `schema, table, name, type, nullable, default, ordinal, primary key`. */
export const columnRowsFrom = (rows: unknown[][]): ColumnRow[] =>
  rows.map((r) => [asText(r[0]), asText(r[1]), {
    name: asText(r[2]), dataType: asText(r[3]), nullable: asBool(r[4]), default: asNullableText(r[5]), ordinal: Number(r[6]), primaryKey: asBool(r[7]),
  }]);
