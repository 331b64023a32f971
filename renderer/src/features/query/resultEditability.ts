import type { ColumnMeta } from '../../../../shared/query';
import { readsTableRowByRow } from '../../../../shared/sql/singleTableSelect';
import type { SplitDialect } from '../../../../shared/sql/splitStatements';
import type { SchemaState } from '../../store/schemaSlice';

/** Where a query result's edits go: one table, found again by its primary key. */
export interface ResultTarget {
  table: { schema: string; name: string };
  keyColumns: string[];
  /** Per result column: the table column it writes, or null for a column that is read-only (an expression, another table's column). */
  writes: (string | null)[];
}

export type ResultEditability = ({ editable: true } & ResultTarget) | { editable: false; reason: string };

const qualified = (origin: { schema: string; table: string }): string => `${origin.schema}.${origin.table}`;

/**
 * Pure: whether a query result's cells can be edited, as TablePlus-class tools allow. The columns
 * the driver traced to a table (`origin`) must all come from one table, a table (not a view) whose
 * primary key the session's introspection knows, with every key column in the result so each row
 * can be found again. The SQL that made it must read that table row by row (a plain SELECT from it:
 * see readsTableRowByRow), since a self-join traces another row's values to the same table.
 * Columns computed by the query stay read-only.
 */
export function resultEditability(schema: SchemaState | undefined, columns: readonly ColumnMeta[], complete: boolean, source: { sql: string; dialect: SplitDialect } | null): ResultEditability {
  const origins = columns.flatMap((column) => (column.origin ? [column.origin] : []));
  if (origins.length === 0) return { editable: false, reason: 'not read from a table' };
  if (!complete) return { editable: false, reason: 'still loading' };
  const tables = [...new Set(origins.map(qualified))];
  if (tables.length > 1) return { editable: false, reason: `columns from ${tables.length} tables (${tables.join(', ')})` };
  const origin = origins[0]!;
  if (!source || !readsTableRowByRow(source.sql, source.dialect, origin)) return { editable: false, reason: `only a plain SELECT … FROM ${tables[0]} can be edited (no join, CTE or subquery)` };
  if (!schema || schema.status === 'loading') return { editable: false, reason: 'reading the primary key…' };
  if (schema.status === 'failed') return { editable: false, reason: 'the schema could not be read' };
  const sameName = (name: string | null, wanted: string, exact: boolean): boolean => (exact ? name === wanted : name?.toLowerCase() === wanted.toLowerCase());
  const find = (exact: boolean) => schema.info.tables.filter((t) => sameName(t.schema, origin.schema, exact) && sameName(t.name, origin.table, exact));
  // MySQL on a case-insensitive file system may name a table in another case than it was created with.
  const exact = find(true);
  const info = exact.length === 1 ? exact[0] : find(false).length === 1 ? find(false)[0] : undefined;
  if (!info) return { editable: false, reason: `${tables[0]} is not in the loaded schema` };
  if (info.kind === 'view') return { editable: false, reason: `${tables[0]} is a view` };
  const keyColumns = info.columns.filter((c) => c.primaryKey).map((c) => c.name);
  if (keyColumns.length === 0) return { editable: false, reason: `${tables[0]} has no primary key` };
  const writes = columns.map((column) => column.origin?.column ?? null);
  const missing = keyColumns.filter((key) => !writes.includes(key));
  if (missing.length > 0) return { editable: false, reason: `the primary key (${missing.join(', ')}) is not in the result` };
  return { editable: true, table: { schema: info.schema ?? origin.schema, name: info.name }, keyColumns, writes };
}
