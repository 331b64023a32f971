import type { SchemaInfo } from '../../../../shared/query';
import { asBool, asNullableText, asText, assembleSchema, type CatalogQuery, type ColumnRow, type ForeignKeyRow, type IndexRow } from '../introspect/assembleSchema';

/** SQLite's catalog through its pragma table-valued functions; table names are bind parameters. */
export async function introspectSqlite(query: CatalogQuery, file: string, schema?: string): Promise<SchemaInfo> {
  const attached = (await query('SELECT name FROM pragma_database_list ORDER BY seq', [])).map((r) => asText(r[0]));
  const target = schema ?? 'main';
  if (!attached.includes(target)) return { databases: attached, currentDatabase: file, schemas: attached, tables: [] };
  // The schema name cannot be a parameter of `FROM x.sqlite_schema`; it is one of the attached names checked above.
  const quoted = `"${target.replace(/"/g, '""')}"`;
  const tableRows = await query(`SELECT name, type FROM ${quoted}.sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`, []);
  const columns: ColumnRow[] = [];
  const indexes: IndexRow[] = [];
  const foreignKeys: ForeignKeyRow[] = [];
  for (const [nameValue] of tableRows) {
    const table = asText(nameValue);
    const info = await query('SELECT cid, name, type, "notnull", dflt_value, pk FROM pragma_table_info(?, ?)', [table, target]);
    const keyColumns = info.filter((r) => Number(r[5]) > 0).length;
    for (const r of info) {
      // A lone INTEGER PRIMARY KEY is the rowid: never NULL, though the pragma does not say "notnull".
      const rowid = keyColumns === 1 && Number(r[5]) === 1 && asText(r[2]).toUpperCase() === 'INTEGER';
      columns.push([target, table, { ordinal: Number(r[0]) + 1, name: asText(r[1]), dataType: asText(r[2]), nullable: !asBool(r[3]) && !rowid, default: asNullableText(r[4]), primaryKey: Number(r[5]) > 0 }]);
    }
    for (const r of await query('SELECT name, "unique", origin FROM pragma_index_list(?, ?)', [table, target])) {
      const indexName = asText(r[0]);
      const names = (await query('SELECT name FROM pragma_index_info(?, ?) ORDER BY seqno', [indexName, target])).map((c) => asText(c[0]));
      indexes.push([target, table, { name: indexName, unique: asBool(r[1]), primary: r[2] === 'pk', columns: names }]);
    }
    const byId = new Map<string, ForeignKeyRow>();
    for (const r of await query('SELECT id, "table", "from", "to" FROM pragma_foreign_key_list(?, ?) ORDER BY id, seq', [table, target])) {
      const id = asText(r[0]);
      let row = byId.get(id);
      if (!row) {
        row = [target, table, { name: `fk_${table}_${id}`, columns: [], referencedSchema: target, referencedTable: asText(r[1]), referencedColumns: [] }];
        byId.set(id, row);
        foreignKeys.push(row);
      }
      row[2].columns.push(asText(r[2]));
      row[2].referencedColumns.push(asText(r[3]));
    }
  }
  return assembleSchema({
    databases: attached,
    currentDatabase: file,
    schemas: attached,
    tables: tableRows.map((r) => [target, asText(r[0]), r[1] === 'view' ? 'view' : 'table', null]),
    columns,
    indexes,
    foreignKeys,
  });
}
