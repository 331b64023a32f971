import { splitStatements, type SplitDialect } from './splitStatements';
import { tokensOf } from './sqlTokens';

/** Statements that read, or only steer the session, when nothing inside them writes. */
const READS = new Set([
  'SELECT', 'SHOW', 'EXPLAIN', 'DESCRIBE', 'DESC', 'VALUES', 'TABLE', 'WITH', 'PRAGMA', 'USE', 'SET', 'BEGIN', 'START',
  'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'FETCH', 'CLOSE', 'DECLARE', 'LISTEN', 'UNLISTEN', 'RESET', 'DISCARD',
]);
/** Words that make a reading statement write: a data-modifying CTE, SELECT ... INTO, a call. */
const WRITES_INSIDE = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'UPSERT', 'TRUNCATE', 'INTO', 'CALL', 'EXEC', 'EXECUTE', 'COPY']);

/** The statement's words outside strings, quoted names and comments, upper-cased, with whether a `=` appears. */
function codeWords(text: string, dialect: SplitDialect): { words: string[]; assigns: boolean } {
  const tokens = tokensOf(text, dialect);
  return {
    words: tokens.flatMap((token) => (token.kind === 'name' && token.upper !== null ? [token.upper] : [])),
    assigns: tokens.some((token) => token.kind === 'punct' && token.text === '='),
  };
}

/**
 * Pure: whether a statement may change data or the schema, for safe mode. Conservative: anything
 * not known to read counts as a write. Not seen: functions with side effects called from a SELECT.
 */
export function statementWrites(text: string, dialect: SplitDialect): boolean {
  const { words, assigns } = codeWords(text, dialect);
  const first = words[0] ?? '';
  if (!READS.has(first)) return words.length > 0;
  if (first === 'PRAGMA') return assigns;
  // Row locks (FOR UPDATE, FOR NO KEY UPDATE) write nothing.
  const inner = words.filter((word, index) => WRITES_INSIDE.has(word) && !(word === 'UPDATE' && ['FOR', 'KEY'].includes(words[index - 1] ?? '')));
  if (first === 'EXPLAIN') return inner.length > 0 && (words.includes('ANALYZE') || words.includes('ANALYSE'));
  if (first === 'SELECT' || first === 'WITH' || first === 'VALUES' || first === 'TABLE') return inner.length > 0;
  return false;
}

/** Pure: a run's statements, each with whether it may write. */
export function classifyStatements(sql: string, dialect: SplitDialect): { text: string; writes: boolean }[] {
  return splitStatements(sql, dialect).map((statement) => ({ text: statement.text, writes: statementWrites(statement.text, dialect) }));
}
