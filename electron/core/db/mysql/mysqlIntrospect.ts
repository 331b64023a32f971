import type { SchemaInfo } from '../../../../shared/query';
import { asBool, asList, asNullableText, asText, assembleSchema, type CatalogQuery, columnRowsFrom, tableRowsFrom } from '../introspect/assembleSchema';
import { mysqlDefaultSql } from './mysqlDefaults';

/**
 * MySQL's schemas are its databases. Without `schema`, the current database is described (or
 * nothing but the database list when none is selected). Every filter is a bind parameter.
 */
export async function introspectMysql(query: CatalogQuery, schema?: string): Promise<SchemaInfo> {
  const [current] = await query('SELECT DATABASE(), VERSION()', []);
  const currentDatabase = asText(current?.[0]);
  const mariadb = /mariadb/i.test(asText(current?.[1]));
  const target = schema ?? currentDatabase;
  const databases = (await query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN ('information_schema', 'performance_schema', 'mysql', 'sys') ORDER BY SCHEMA_NAME", [])).map((r) => asText(r[0]));
  if (target === '') return { databases, currentDatabase, schemas: [], tables: [] };
  const params = [target];
  const [tables, columns, indexes, foreignKeys] = await Promise.all([
    query(`SELECT TABLE_SCHEMA, TABLE_NAME, IF(TABLE_TYPE = 'VIEW', 'view', 'table'), TABLE_ROWS
             FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME`, params),
    query(`SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE = 'YES', COLUMN_DEFAULT, ORDINAL_POSITION, COLUMN_KEY = 'PRI',
                  EXTRA, COLUMN_COMMENT, CHARACTER_SET_NAME, COLLATION_NAME, GENERATION_EXPRESSION
             FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?`, params),
    query(`SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NOT MAX(NON_UNIQUE), INDEX_NAME = 'PRIMARY',
                  GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX SEPARATOR ',')
             FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?
            GROUP BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME ORDER BY TABLE_NAME, INDEX_NAME`, params),
    query(`SELECT k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME,
                  GROUP_CONCAT(k.COLUMN_NAME ORDER BY k.ORDINAL_POSITION SEPARATOR ','),
                  MAX(k.REFERENCED_TABLE_SCHEMA), MAX(k.REFERENCED_TABLE_NAME),
                  GROUP_CONCAT(k.REFERENCED_COLUMN_NAME ORDER BY k.ORDINAL_POSITION SEPARATOR ',')
             FROM information_schema.KEY_COLUMN_USAGE k
            WHERE k.TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL
            GROUP BY k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME`, params),
  ]);
  return assembleSchema({
    databases,
    currentDatabase,
    schemas: [target],
    tables: tableRowsFrom(tables),
    columns: columnRowsFrom(columns).map(([schemaName, table, column], index) => {
      const row = columns[index]!;
      const extra = asText(row[8]);
      const info = {
        ...column,
        default: mariadb ? column.default : mysqlDefaultSql(column.default, extra),
        mysql: { extra, comment: asText(row[9]), charset: asNullableText(row[10]), collation: asNullableText(row[11]), generated: asText(row[12]) !== '' || /\bGENERATED\b/.test(extra.replace(/DEFAULT_GENERATED/gi, '')) },
      };
      return [schemaName, table, info] as const;
    }),
    indexes: indexes.map((r) => [asText(r[0]), asText(r[1]), { name: asText(r[2]), unique: asBool(r[3]), primary: asBool(r[4]), columns: asList(r[5]) }]),
    foreignKeys: foreignKeys.map((r) => [asText(r[0]), asText(r[1]), {
      name: asText(r[2]), columns: asList(r[3]), referencedSchema: asNullableText(r[4]), referencedTable: asText(r[5]), referencedColumns: asList(r[6]),
    }]),
  });
}
