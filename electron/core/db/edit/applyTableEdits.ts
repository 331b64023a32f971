import { BurrowError } from '../../../../shared/errors';
import type { TableEdit, TableEditResult } from '../../../../shared/query';
import { toErrorShape } from '../../errors';
import type { DbConnection } from '../types';
import { runCommand } from './runCommand';
import { buildEditStatement, transactionSql } from './tableEditSql';

const describeKey = (key: Record<string, string | null>): string =>
  Object.entries(key).map(([column, value]) => `${column} = ${value === null ? 'NULL' : JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`).join(', ');

/**
 * Applies a table's edits in one transaction, in order: all or none. An update or delete that does
 * not touch exactly its one row (changed or deleted since it was read, or a key that is not
 * unique) rolls everything back as CONFLICT. A transaction the user opened in a query tab on the
 * same connection is never committed or ended by a save: the save is refused instead.
 */
export async function applyTableEdits(connection: DbConnection, table: { schema: string | null; name: string }, edits: readonly TableEdit[]): Promise<TableEditResult> {
  if (await connection.inTransaction()) {
    throw new BurrowError('CONFLICT', 'this connection has a transaction open (begun in a query tab): COMMIT or ROLLBACK it there, then save again');
  }
  const tx = transactionSql(connection.engine);
  await runCommand(connection, tx.begin);
  const counts: TableEditResult = { updated: 0, inserted: 0, deleted: 0 };
  try {
    for (const [index, edit] of edits.entries()) {
      const statement = buildEditStatement(connection.engine, table, edit);
      let affected: number | null;
      try {
        affected = await runCommand(connection, statement.sql, statement.params);
      } catch (error) {
        const shape = toErrorShape(error);
        throw new BurrowError(shape.code, `change ${index + 1} (${edit.kind}): ${shape.message}; nothing was saved`, { ...shape.detail, editIndex: index });
      }
      // An update or delete names one row by its key: anything but exactly one row means the data moved under us.
      if (edit.kind !== 'insert' && affected !== 1) {
        const found = affected === 0 ? 'found no such row: it was changed or deleted since it was read' : `found ${affected ?? 'an unknown number of'} rows: the key is not unique`;
        throw new BurrowError('CONFLICT', `change ${index + 1} (${edit.kind} of the row with ${describeKey(edit.key)}) ${found}; nothing was saved`, { editIndex: index });
      }
      if (edit.kind === 'update') counts.updated++;
      else if (edit.kind === 'insert') counts.inserted++;
      else counts.deleted++;
    }
    await runCommand(connection, tx.commit);
    return counts;
  } catch (error) {
    await runCommand(connection, tx.rollback).catch(() => {});
    throw error;
  }
}
