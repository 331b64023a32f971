import type { TableInfo } from '../query';
import { createTableSql, type NewColumn } from './createTable';
import { qualifiedTable, quoteIdentifier } from './dialect';
import type { ColumnSpec } from './structureChanges';

/**
 * Pure: the script that changes a SQLite column's type, NULL or default the only way SQLite can,
 * by rebuilding the table (a new table with the changed column, the rows copied, the old table
 * dropped, the new one renamed, its indexes made again), in one transaction with foreign key
 * checks off. It goes to a query tab for the user to read and run: foreign keys, triggers, CHECK
 * constraints and AUTOINCREMENT are not carried over, and its comments say which the table has.
 */
export function sqliteRebuildScript(table: TableInfo, before: ColumnSpec, after: ColumnSpec): string {
  const schema = table.schema ?? 'main';
  const target = qualifiedTable('sqlite', { schema, name: table.name });
  const temporary = `${table.name}__rebuild`;
  const columns: NewColumn[] = table.columns.map((column) => {
    const changed = column.name === before.name;
    const spec = changed ? after : { name: column.name, type: column.dataType, nullable: column.nullable, default: column.default };
    return { name: spec.name, type: spec.type || 'BLOB', nullable: spec.nullable, default: spec.default, primaryKey: column.primaryKey, autoIncrement: false };
  });
  const newNames = columns.map((column) => quoteIdentifier('sqlite', column.name)).join(', ');
  const oldNames = table.columns.map((column) => quoteIdentifier('sqlite', column.name)).join(', ');
  const renamed = (name: string): string => (name === before.name ? after.name : name);
  const notes = [
    '-- SQLite changes a column\'s type, NULL or default only by rebuilding its table. Read this before running it.',
    table.foreignKeys.length > 0 ? `-- Not carried over: the foreign keys ${table.foreignKeys.map((fk) => fk.name || fk.columns.join(', ')).join('; ')}. Add them to the CREATE TABLE below.` : null,
    '-- Triggers, CHECK constraints and AUTOINCREMENT are not carried over either (see the old definition in sqlite_schema).',
  ].filter((line): line is string => line !== null);
  // A UNIQUE constraint's automatic index comes back as a unique index of its own name.
  const indexes = table.indexes.filter((index) => !index.primary).map((index) => {
    const columnsOf = index.columns.map(renamed);
    const name = index.name.startsWith('sqlite_autoindex_') ? `${table.name}_${columnsOf.join('_')}_key` : index.name;
    return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdentifier('sqlite', schema)}.${quoteIdentifier('sqlite', name)} ON ${quoteIdentifier('sqlite', table.name)} (${columnsOf.map((c) => quoteIdentifier('sqlite', c)).join(', ')});`;
  });
  return [
    ...notes,
    'PRAGMA foreign_keys = OFF;',
    'BEGIN;',
    `${createTableSql('sqlite', { schema, name: temporary }, columns)};`,
    `INSERT INTO ${qualifiedTable('sqlite', { schema, name: temporary })} (${newNames}) SELECT ${oldNames} FROM ${target};`,
    `DROP TABLE ${target};`,
    `ALTER TABLE ${qualifiedTable('sqlite', { schema, name: temporary })} RENAME TO ${quoteIdentifier('sqlite', table.name)};`,
    ...indexes,
    'COMMIT;',
    'PRAGMA foreign_keys = ON;',
  ].join('\n');
}
