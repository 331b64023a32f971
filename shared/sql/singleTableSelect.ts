import { splitStatements, type SplitDialect } from './splitStatements';
import { tokensOf, type Token } from './sqlTokens';

/** Words that end a FROM list of one table. */
const AFTER_FROM = new Set(['WHERE', 'ORDER', 'LIMIT', 'OFFSET', 'FETCH', 'FOR', 'GROUP', 'HAVING', 'WINDOW', 'LOCK']);
/** Words that, at the top level, combine rows of more than one source. */
const SET_OPERATORS = new Set(['UNION', 'INTERSECT', 'EXCEPT', 'MINUS']);

export interface TableName {
  schema: string | null;
  name: string;
}

/**
 * Pure: the table a statement reads when it is a plain `SELECT … FROM table [alias] [WHERE …]`:
 * one source, no join, no CTE, no subquery in the select list or FROM, no UNION. Null for anything else.
 * Each row of such a statement is one row of that table, so a cell can be written back by the
 * row's key; a self-join would pair one row's key with another row's values.
 */
export function singleTableOf(statement: string, dialect: SplitDialect): TableName | null {
  const tokens = tokensOf(statement, dialect);
  if (tokens[0]?.kind !== 'name' || tokens[0].upper !== 'SELECT') return null;
  let depth = 0;
  let from = -1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'punct') depth += token.text === '(' ? 1 : token.text === ')' ? -1 : 0;
    else if (depth === 0 && token.upper && SET_OPERATORS.has(token.upper)) return null;
    // SQLite traces a scalar subquery's column to its table: the value would be another row's.
    else if (depth > 0 && from === -1 && token.upper === 'SELECT') return null;
    else if (depth === 0 && token.upper === 'FROM' && from === -1) from = i;
  }
  if (from === -1) return null;
  let at = from + 1;
  const nameAt = (i: number): string | null => (tokens[i]?.kind === 'name' ? (tokens[i] as { name: string }).name : null);
  if ((tokens[at] as { upper?: string } | undefined)?.upper === 'ONLY') at++;
  let schema: string | null = null;
  let name = nameAt(at);
  if (name === null) return null;
  at++;
  if (tokens[at]?.kind === 'punct' && (tokens[at] as { text: string }).text === '.') {
    schema = name;
    name = nameAt(at + 1);
    if (name === null) return null;
    at += 2;
  }
  // An optional alias, with or without AS.
  const upperAt = (i: number): string | null => (tokens[i]?.kind === 'name' ? ((tokens[i] as { upper: string | null }).upper ?? '"') : null);
  if (upperAt(at) === 'AS') at++;
  const alias = upperAt(at);
  if (alias !== null && !AFTER_FROM.has(alias)) at++;
  const next = tokens[at];
  if (next === undefined) return { schema, name };
  if (next.kind === 'punct') return next.text === ';' ? { schema, name } : null;
  return next.upper && AFTER_FROM.has(next.upper) ? { schema, name } : null;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Pure: whether the rows a run gave for `table` are each one row of it: some statement of the run
 * is a plain SELECT from that table (see singleTableOf), and no statement that names the table
 * reads it any other way (a join, a CTE, a subquery), since a result cannot be told apart from the
 * statement that made it.
 */
export function readsTableRowByRow(sql: string, dialect: SplitDialect, table: { schema: string; table: string }): boolean {
  let plain = false;
  for (const statement of splitStatements(sql, dialect)) {
    const names = tokensOf(statement.text, dialect).filter((t): t is Extract<Token, { kind: 'name' }> => t.kind === 'name');
    if (!names.some((t) => same(t.name, table.table))) continue;
    const single = singleTableOf(statement.text, dialect);
    const isTarget = single !== null && same(single.name, table.table) && (single.schema === null || same(single.schema, table.schema));
    const reads = names[0]?.upper === 'SELECT' || names[0]?.upper === 'WITH' || names[0]?.upper === 'TABLE' || names[0]?.upper === 'VALUES';
    if (isTarget) plain = true;
    else if (reads) return false;
  }
  return plain;
}
