import type { Engine } from '../../../../shared/profile';
import type { TableEdit } from '../../../../shared/query';
import { quoteIdentifier } from '../../../../shared/sql/dialect';
import { BindParams } from '../sql/bindParams';
import { qualifiedTable } from '../../../../shared/sql/dialect';

export interface EditStatement {
  sql: string;
  params: (string | null)[];
}

/** The statements that open, commit and roll back a transaction, per engine. */
export function transactionSql(engine: Engine): { begin: string; commit: string; rollback: string } {
  if (engine === 'sqlserver') return { begin: 'BEGIN TRANSACTION', commit: 'COMMIT TRANSACTION', rollback: 'ROLLBACK TRANSACTION' };
  if (engine === 'mysql' || engine === 'mariadb') return { begin: 'START TRANSACTION', commit: 'COMMIT', rollback: 'ROLLBACK' };
  return { begin: 'BEGIN', commit: 'COMMIT', rollback: 'ROLLBACK' };
}

/**
 * One parameterised statement per edit: identifiers quoted, every value a bind parameter (text the
 * server converts to the column's type, or NULL), never spliced into the SQL.
 */
export function buildEditStatement(engine: Engine, table: { schema: string | null; name: string }, edit: TableEdit): EditStatement {
  const target = qualifiedTable(engine, table);
  const quote = (name: string): string => quoteIdentifier(engine, name);
  const bind = new BindParams<string | null>(engine);
  const where = (key: Record<string, string | null>): string =>
    Object.entries(key).map(([column, value]) => (value === null ? `${quote(column)} IS NULL` : `${quote(column)} = ${bind.add(value)}`)).join(' AND ');
  switch (edit.kind) {
    case 'update': {
      const assignments = Object.entries(edit.set).map(([column, value]) => `${quote(column)} = ${bind.add(value)}`).join(', ');
      return { sql: `UPDATE ${target} SET ${assignments} WHERE ${where(edit.key)}`, params: bind.values };
    }
    case 'delete':
      return { sql: `DELETE FROM ${target} WHERE ${where(edit.key)}`, params: bind.values };
    case 'insert': {
      const entries = Object.entries(edit.values);
      if (entries.length === 0) {
        const defaults = engine === 'mysql' || engine === 'mariadb' ? '() VALUES ()' : 'DEFAULT VALUES';
        return { sql: `INSERT INTO ${target} ${defaults}`, params: [] };
      }
      const columns = entries.map(([column]) => quote(column)).join(', ');
      const values = entries.map(([, value]) => bind.add(value)).join(', ');
      return { sql: `INSERT INTO ${target} (${columns}) VALUES (${values})`, params: bind.values };
    }
  }
}
