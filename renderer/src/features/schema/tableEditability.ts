import type { SchemaState, BrowseTable } from '../../store/schemaSlice';

export type Editability = { editable: true; keyColumns: string[] } | { editable: false; reason: string };

/**
 * Pure: whether a browsed table's rows can be edited. Rows are found again by their primary key,
 * so it must be a table (not a view) whose key the session's introspection knows, with every key
 * column on the page.
 */
export function tableEditability(schema: SchemaState | undefined, table: BrowseTable, pageColumns: readonly string[]): Editability {
  if (!schema || schema.status === 'loading') return { editable: false, reason: 'reading the primary key…' };
  if (schema.status === 'failed') return { editable: false, reason: 'schema unknown: read-only' };
  const info = schema.info.tables.find((t) => t.schema === table.schema && t.name === table.name);
  if (!info) return { editable: false, reason: 'not in the schema: read-only' };
  if (info.kind === 'view') return { editable: false, reason: 'views are read-only' };
  const keyColumns = info.columns.filter((c) => c.primaryKey).map((c) => c.name);
  if (keyColumns.length === 0) return { editable: false, reason: 'no primary key: read-only' };
  if (!keyColumns.every((c) => pageColumns.includes(c))) return { editable: false, reason: 'primary key not on the page: read-only' };
  return { editable: true, keyColumns };
}
