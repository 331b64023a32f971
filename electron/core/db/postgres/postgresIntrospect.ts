import type { SchemaInfo } from '../../../../shared/query';
import { asBool, asList, asText, assembleSchema, inSequence, type CatalogQuery, columnRowsFrom, tableRowsFrom } from '../introspect/assembleSchema';

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
  AND ($1::text IS NULL OR n.nspname = $1::text)`;

/** The current database's user schemas from pg_catalog; every filter is a bind parameter. */
export async function introspectPostgres(query: CatalogQuery, schema?: string): Promise<SchemaInfo> {
  const only = [schema ?? null];
  const [databases, current, schemas, tables, columns, indexes, foreignKeys] = await inSequence([
    () => query('SELECT datname FROM pg_database WHERE datallowconn AND NOT datistemplate ORDER BY datname', []),
    () => query('SELECT current_database()', []),
    () => query(`SELECT n.nspname FROM pg_namespace n WHERE ${USER_SCHEMAS} ORDER BY n.nspname`, only),
    () => query(`SELECT n.nspname, c.relname, CASE WHEN c.relkind IN ('v', 'm') THEN 'view' ELSE 'table' END,
                  CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::bigint END
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition AND ${USER_SCHEMAS}
            ORDER BY n.nspname, c.relname`, only),
    () => query(`SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
                  pg_get_expr(d.adbin, d.adrelid), a.attnum,
                  EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY (i.indkey))
             FROM pg_attribute a
             JOIN pg_class c ON c.oid = a.attrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace
             LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${USER_SCHEMAS}`, only),
    () => query(`SELECT n.nspname, t.relname, i.relname, ix.indisunique, ix.indisprimary,
                  ARRAY(SELECT pg_get_indexdef(ix.indexrelid, k, true) FROM generate_series(1, ix.indnkeyatts) AS k ORDER BY k)
             FROM pg_index ix
             JOIN pg_class i ON i.oid = ix.indexrelid
             JOIN pg_class t ON t.oid = ix.indrelid
             JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE ${USER_SCHEMAS}
            ORDER BY n.nspname, t.relname, i.relname`, only),
    () => query(`SELECT n.nspname, t.relname, con.conname,
                  ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY AS k(num, ord) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord),
                  rn.nspname, rt.relname,
                  ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY AS k(num, ord) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord)
             FROM pg_constraint con
             JOIN pg_class t ON t.oid = con.conrelid
             JOIN pg_namespace n ON n.oid = t.relnamespace
             JOIN pg_class rt ON rt.oid = con.confrelid
             JOIN pg_namespace rn ON rn.oid = rt.relnamespace
            WHERE con.contype = 'f' AND ${USER_SCHEMAS}
            ORDER BY n.nspname, t.relname, con.conname`, only),
  ]);
  return assembleSchema({
    databases: databases.map((r) => asText(r[0])),
    currentDatabase: asText(current[0]?.[0]),
    schemas: schemas.map((r) => asText(r[0])),
    tables: tableRowsFrom(tables),
    columns: columnRowsFrom(columns),
    indexes: indexes.map((r) => [asText(r[0]), asText(r[1]), { name: asText(r[2]), unique: asBool(r[3]), primary: asBool(r[4]), columns: asList(r[5]) }]),
    foreignKeys: foreignKeys.map((r) => [asText(r[0]), asText(r[1]), {
      name: asText(r[2]), columns: asList(r[3]), referencedSchema: asText(r[4]), referencedTable: asText(r[5]), referencedColumns: asList(r[6]),
    }]),
  });
}
