/** 1-based line and column of a 0-based offset in `sql`. */
export function lineAndColumn(sql: string, offset: number): { line: number; column: number } {
  const before = sql.slice(0, Math.max(0, Math.min(offset, sql.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** Where a statement of a multi-statement run sits, for error details. */
export interface StatementContext {
  sql: string;
  statementStart: number;
  statementIndex: number;
}
