import type { BrowseFilter, Cell, ForeignKeyInfo, SchemaInfo, TableInfo } from '../../../../shared/query';
import type { BrowseTable } from '../../store/schemaSlice';
import { editValueOf } from './tableEdits';

/** A table browser to open from a cell: the table and the filters that find the linked rows. */
export interface TableLink {
  label: string;
  table: BrowseTable;
  filters: BrowseFilter[];
}

const sameTable = (info: Pick<TableInfo, 'schema' | 'name'>, table: BrowseTable): boolean => info.schema === table.schema && info.name === table.name;

/** The row's values of `columns` as filter values, or null when one is NULL (a NULL key links to nothing), cut or binary. */
function valuesOf(pageColumns: readonly string[], row: readonly Cell[], columns: readonly string[]): string[] | null {
  const values: string[] = [];
  for (const column of columns) {
    const index = pageColumns.indexOf(column);
    const value = index < 0 ? undefined : editValueOf(row[index]);
    if (value === undefined || value === null) return null;
    values.push(value);
  }
  return values;
}

const equalities = (columns: readonly string[], values: readonly string[]): BrowseFilter[] => columns.map((column, i) => ({ column, op: '=', value: values[i]! }));
const described = (filters: readonly BrowseFilter[]): string => filters.map((f) => `${f.column} = ${String(f.value).length > 30 ? `${String(f.value).slice(0, 30)}…` : String(f.value)}`).join(', ');

/** The foreign keys that touch one table: its own, and those of tables (itself included) that point at it. */
export interface TableForeignKeys {
  outgoing: ForeignKeyInfo[];
  incoming: { table: BrowseTable; fk: ForeignKeyInfo }[];
}

/** Pure: the foreign keys touching `table`; one pass over the schema, done once per browser, not per cell. */
export function tableForeignKeys(info: SchemaInfo, table: BrowseTable): TableForeignKeys {
  const outgoing = info.tables.find((t) => sameTable(t, table))?.foreignKeys ?? [];
  const incoming: TableForeignKeys['incoming'] = [];
  for (const other of info.tables) {
    for (const fk of other.foreignKeys) {
      if (fk.referencedTable === table.name && (fk.referencedSchema ?? other.schema) === table.schema) incoming.push({ table: { schema: other.schema, name: other.name }, fk });
    }
  }
  return { outgoing, incoming };
}

/**
 * Pure: where a browsed cell's foreign keys lead. `references`: the row each foreign key that
 * includes `column` points at; `referencedBy`: the rows of other tables (or this one) whose foreign
 * keys point at this row through `column`. Each needs all its key values on the row, none NULL.
 */
export function foreignKeyLinks(keys: TableForeignKeys, table: BrowseTable, pageColumns: readonly string[], row: readonly Cell[], column: string): { references: TableLink[]; referencedBy: TableLink[] } {
  const references: TableLink[] = [];
  const referencedBy: TableLink[] = [];
  for (const fk of keys.outgoing) {
    if (!fk.columns.includes(column)) continue;
    const values = valuesOf(pageColumns, row, fk.columns);
    if (!values) continue;
    const target = { schema: fk.referencedSchema ?? table.schema, name: fk.referencedTable };
    const filters = equalities(fk.referencedColumns, values);
    references.push({ label: `${target.name} where ${described(filters)}`, table: target, filters });
  }
  for (const { table: other, fk } of keys.incoming) {
    if (!fk.referencedColumns.includes(column)) continue;
    const values = valuesOf(pageColumns, row, fk.referencedColumns);
    if (!values) continue;
    const filters = equalities(fk.columns, values);
    referencedBy.push({ label: `${other.name} where ${described(filters)}`, table: other, filters });
  }
  return { references, referencedBy };
}
