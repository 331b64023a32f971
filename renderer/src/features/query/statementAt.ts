import type { Engine } from '../../../../shared/profile';
import { splitBatches } from '../../../../shared/sql/splitBatches';
import { splitDialectOf } from '../../../../shared/sql/dialect';
import { splitStatements } from '../../../../shared/sql/splitStatements';

/**
 * Pure: the statement the cursor is in, split as the engine's driver splits a run (SQL Server: the
 * GO batch, as SSMS runs it). Between statements, the one before the cursor; before the first, the
 * first. Null when the text holds no statement.
 */
export function statementAt(sql: string, cursor: number, engine: Engine): { sql: string; from: number } | null {
  const pieces = engine === 'sqlserver' ? splitBatches(sql) : splitStatements(sql, splitDialectOf(engine));
  let chosen: { text: string; start: number } | undefined;
  for (const piece of pieces) {
    if (piece.start > cursor) break;
    chosen = piece;
  }
  chosen ??= pieces[0];
  return chosen ? { sql: chosen.text, from: chosen.start } : null;
}
