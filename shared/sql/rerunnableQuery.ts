import type { Engine } from '../profile';
import { splitDialectOf } from './dialect';
import { splitStatements } from './splitStatements';
import { statementWrites } from './writesData';
import { tokensOf } from './sqlTokens';

/** Statements that answer with rows; session steering (SET, USE, BEGIN...) reads nothing to export. */
const ANSWERS_ROWS = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE', 'SHOW', 'EXPLAIN', 'DESCRIBE', 'DESC', 'PRAGMA']);

/**
 * Pure: why `sql` may not be sent again to export all its rows, or null when it may. Sending it
 * again must do nothing but read, so it has to be one statement that returns rows and that safe
 * mode's conservative classifier does not count as a write.
 */
export function whyNotRerunnable(sql: string, engine: Engine): string | null {
  const dialect = splitDialectOf(engine);
  const statements = splitStatements(sql, dialect);
  if (statements.length !== 1) return `exporting all rows sends the SQL again, so it must be one statement; this run has ${statements.length}. Run the SELECT on its own first.`;
  const text = statements[0]!.text;
  const first = tokensOf(text, dialect).flatMap((token) => (token.kind === 'name' && token.upper !== null ? [token.upper] : []))[0] ?? '';
  if (!ANSWERS_ROWS.has(first) || statementWrites(text, dialect)) {
    return 'exporting all rows sends the SQL again, so it must be a statement that only reads (SELECT, WITH, VALUES, SHOW...); this one may change data.';
  }
  return null;
}
