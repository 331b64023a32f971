import type { SchemaInfo } from '../../../../shared/query';
import { asBool, asText, assembleSchema, inSequence, type CatalogQuery, type ForeignKeyRow, type IndexRow, columnRowsFrom, tableRowsFrom } from '../introspect/assembleSchema';

/** User schemas only: not sys, INFORMATION_SCHEMA, guest or the fixed db_* role schemas (ids from 16384). */
const USER_SCHEMA = `s.name NOT IN ('sys', 'INFORMATION_SCHEMA', 'guest') AND s.schema_id < 16384 AND (@p1 IS NULL OR s.name = @p1)`;
const USER_OBJECT = `o.type IN ('U', 'V') AND o.is_ms_shipped = 0`;

const TYPE_NAME = `CASE
    WHEN t.name IN ('varchar', 'char', 'varbinary', 'binary') THEN t.name + '(' + CASE WHEN c.max_length = -1 THEN 'max' ELSE CAST(c.max_length AS varchar(10)) END + ')'
    WHEN t.name IN ('nvarchar', 'nchar') THEN t.name + '(' + CASE WHEN c.max_length = -1 THEN 'max' ELSE CAST(c.max_length / 2 AS varchar(10)) END + ')'
    WHEN t.name IN ('decimal', 'numeric') THEN t.name + '(' + CAST(c.precision AS varchar(10)) + ',' + CAST(c.scale AS varchar(10)) + ')'
    WHEN t.name IN ('datetime2', 'time', 'datetimeoffset') THEN t.name + '(' + CAST(c.scale AS varchar(10)) + ')'
    ELSE t.name END`;

/**
 * The current database's user schemas from the sys catalog views. The only filter, the schema
 * name, is the bind parameter @p1 (the driver names positional parameters @p1, @p2, ...). Index
 * and foreign-key columns come one row each and are grouped here, so names with commas survive
 * and no STRING_AGG (SQL Server 2017+) is needed.
 */
export async function introspectSqlServer(query: CatalogQuery, schema?: string): Promise<SchemaInfo> {
  const only = [schema ?? null];
  const [databases, current, schemas, tables, columns, indexColumns, foreignKeyColumns] = await inSequence([
    () => query('SELECT name FROM sys.databases WHERE HAS_DBACCESS(name) = 1 ORDER BY name', []),
    () => query('SELECT DB_NAME()', []),
    () => query(`SELECT s.name FROM sys.schemas s WHERE ${USER_SCHEMA} ORDER BY s.name`, only),
    () => query(`SELECT s.name, o.name, CASE WHEN o.type = 'V' THEN 'view' ELSE 'table' END,
                  (SELECT SUM(p.rows) FROM sys.partitions p WHERE p.object_id = o.object_id AND p.index_id IN (0, 1))
             FROM sys.objects o JOIN sys.schemas s ON s.schema_id = o.schema_id
            WHERE ${USER_OBJECT} AND ${USER_SCHEMA}
            ORDER BY s.name, o.name`, only),
    () => query(`SELECT s.name, o.name, c.name, ${TYPE_NAME}, c.is_nullable, d.definition, c.column_id,
                  CASE WHEN EXISTS (SELECT 1 FROM sys.indexes i JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
                                     WHERE i.object_id = c.object_id AND i.is_primary_key = 1 AND ic.column_id = c.column_id) THEN 1 ELSE 0 END
             FROM sys.columns c
             JOIN sys.objects o ON o.object_id = c.object_id
             JOIN sys.schemas s ON s.schema_id = o.schema_id
             JOIN sys.types t ON t.user_type_id = c.user_type_id
             LEFT JOIN sys.default_constraints d ON d.object_id = c.default_object_id
            WHERE ${USER_OBJECT} AND ${USER_SCHEMA}`, only),
    () => query(`SELECT s.name, o.name, i.name, i.is_unique, i.is_primary_key, c.name
             FROM sys.indexes i
             JOIN sys.objects o ON o.object_id = i.object_id
             JOIN sys.schemas s ON s.schema_id = o.schema_id
             JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id AND ic.is_included_column = 0 AND ic.key_ordinal > 0
             JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
            WHERE i.type > 0 AND i.is_hypothetical = 0 AND ${USER_OBJECT} AND ${USER_SCHEMA}
            ORDER BY s.name, o.name, i.name, ic.key_ordinal`, only),
    () => query(`SELECT s.name, o.name, fk.name, pc.name, rs.name, ro.name, rc.name
             FROM sys.foreign_keys fk
             JOIN sys.foreign_key_columns fkc ON fkc.constraint_object_id = fk.object_id
             JOIN sys.objects o ON o.object_id = fk.parent_object_id
             JOIN sys.schemas s ON s.schema_id = o.schema_id
             JOIN sys.columns pc ON pc.object_id = fkc.parent_object_id AND pc.column_id = fkc.parent_column_id
             JOIN sys.objects ro ON ro.object_id = fk.referenced_object_id
             JOIN sys.schemas rs ON rs.schema_id = ro.schema_id
             JOIN sys.columns rc ON rc.object_id = fkc.referenced_object_id AND rc.column_id = fkc.referenced_column_id
            WHERE ${USER_OBJECT} AND ${USER_SCHEMA}
            ORDER BY s.name, o.name, fk.name, fkc.constraint_column_id`, only),
  ]);
  return assembleSchema({
    databases: databases.map((r) => asText(r[0])),
    currentDatabase: asText(current[0]?.[0]),
    schemas: schemas.map((r) => asText(r[0])),
    tables: tableRowsFrom(tables),
    columns: columnRowsFrom(columns),
    indexes: groupIndexes(indexColumns),
    foreignKeys: groupForeignKeys(foreignKeyColumns),
  });
}

/** Rows of (schema, table, index, unique, primary, column), in key order, to one entry per index. */
export function groupIndexes(rows: unknown[][]): IndexRow[] {
  const out: IndexRow[] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && last[0] === asText(r[0]) && last[1] === asText(r[1]) && last[2].name === asText(r[2])) {
      last[2].columns.push(asText(r[5]));
    } else {
      out.push([asText(r[0]), asText(r[1]), { name: asText(r[2]), unique: asBool(r[3]), primary: asBool(r[4]), columns: [asText(r[5])] }]);
    }
  }
  return out;
}

/** Rows of (schema, table, constraint, column, referenced schema, table, column) to one entry per foreign key. */
export function groupForeignKeys(rows: unknown[][]): ForeignKeyRow[] {
  const out: ForeignKeyRow[] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && last[0] === asText(r[0]) && last[1] === asText(r[1]) && last[2].name === asText(r[2])) {
      last[2].columns.push(asText(r[3]));
      last[2].referencedColumns.push(asText(r[6]));
    } else {
      out.push([asText(r[0]), asText(r[1]), {
        name: asText(r[2]), columns: [asText(r[3])], referencedSchema: asText(r[4]), referencedTable: asText(r[5]), referencedColumns: [asText(r[6])],
      }]);
    }
  }
  return out;
}
