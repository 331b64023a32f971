export { lineAndColumn } from '../../../../shared/textPosition';

/** Where a statement of a multi-statement run sits, for error details. */
export interface StatementContext {
  sql: string;
  statementStart: number;
  statementIndex: number;
}
