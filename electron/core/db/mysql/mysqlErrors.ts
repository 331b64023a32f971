import { BurrowError } from '../../../../shared/errors';
import { isConnectionLoss, transportError } from '../errors/connectionErrors';
import { lineAndColumn } from '../errors/sqlPosition';
import { splitStatements, type Statement } from '../../../../shared/sql/splitStatements';
import type { ServerSocket } from '../transport/serverSocket';

interface MysqlError extends Error {
  errno?: number;
  sqlState?: string;
  sqlMessage?: string;
  code?: string;
  fatal?: boolean;
}

// A MySQL server talks first: a packet with sequence 0 holding protocol version 10 (or an error packet).
const looksLikeMysql = (first: Buffer): boolean => first.length >= 5 && first[3] === 0 && (first[4] === 10 || first[4] === 0xff);

const serverText = (error: MysqlError): string => `${error.sqlMessage ?? error.message} (errno ${error.errno}${error.sqlState ? `, SQLSTATE ${error.sqlState}` : ''})`;

export function mysqlConnectError(error: unknown, socket: ServerSocket | null, target: string): BurrowError {
  const fromTransport = transportError(error, socket, 'the MySQL protocol', looksLikeMysql);
  if (fromTransport) return fromTransport;
  const mysqlError = error as MysqlError;
  if (typeof mysqlError.errno === 'number' && mysqlError.sqlMessage) {
    const detail = { errno: mysqlError.errno, sqlstate: mysqlError.sqlState ?? null };
    if (mysqlError.errno === 1045 || mysqlError.errno === 1044 || mysqlError.errno === 1698) return new BurrowError('DB_AUTH_FAILED', `login to ${target} refused: ${serverText(mysqlError)}`, detail);
    if (mysqlError.errno === 1049) return new BurrowError('DB_NOT_FOUND', serverText(mysqlError), detail);
    return new BurrowError('DB_CONNECT_FAILED', `login to ${target} failed: ${serverText(mysqlError)}`, detail);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/does not support secure/i.test(message)) return new BurrowError('DB_TLS_FAILED', `${target} does not offer TLS, and this connection's TLS mode requires it`);
  return new BurrowError('DB_CONNECT_FAILED', `cannot log in to ${target}: ${message || 'the connection closed during login'}`);
}

/** Which statement of a run failed (the count of statements that had answered before it). */
export interface MysqlRunContext {
  sql: string;
  statementIndex: number;
}

/**
 * MySQL gives no character position; its syntax errors name the line ("... at line 3"), counted
 * from the failing statement's start (past the previous semicolon and the blanks after it), and
 * quote the text from the failing token on ("near 'FORM dual'", at most 80 characters). The line is
 * turned into one of the whole run, and the quoted text is found on that line to give the column
 * and the position (1-based, as PostgreSQL's), in the detail and in the text.
 */
export function mysqlQueryError(error: unknown, run?: MysqlRunContext): BurrowError {
  if (error instanceof BurrowError) return error;
  const fromTransport = transportError(error, null, 'MySQL', () => true);
  if (fromTransport) return fromTransport;
  const mysqlError = error as MysqlError;
  if (typeof mysqlError.errno === 'number' && mysqlError.sqlMessage) {
    const detail: Record<string, unknown> = { errno: mysqlError.errno, sqlstate: mysqlError.sqlState ?? null };
    let sqlMessage = mysqlError.sqlMessage;
    const line = /at line (\d+)\s*$/.exec(sqlMessage);
    if (line) {
      const place = errorPlace(run ?? { sql: '', statementIndex: 0 }, Number(line[1]), /near '([\s\S]*)' at line \d+\s*$/.exec(sqlMessage)?.[1]);
      Object.assign(detail, place);
      sqlMessage = `${sqlMessage.slice(0, line.index)}at line ${place.line}${place.column ? `, column ${place.column}` : ''}`;
    }
    if (mysqlError.errno === 1317 || mysqlError.errno === 3024 || mysqlError.errno === 1969) return new BurrowError('CANCELLED', `the query was cancelled (${serverText(mysqlError)})`, detail);
    if (mysqlError.errno === 1927 || mysqlError.errno === 2013) return new BurrowError('DB_CONNECTION_LOST', `the server ended the connection: ${serverText(mysqlError)}`, detail);
    return new BurrowError('QUERY_FAILED', `ERROR ${mysqlError.errno}${mysqlError.sqlState ? ` (${mysqlError.sqlState})` : ''}: ${sqlMessage}`, detail);
  }
  if (error instanceof Error && (isConnectionLoss(error) || mysqlError.fatal)) {
    return new BurrowError('DB_CONNECTION_LOST', `the connection to the server was lost: ${error.message}`);
  }
  return new BurrowError('QUERY_FAILED', error instanceof Error ? error.message : String(error));
}

/**
 * The run's line for the server's `statementLine` of the failing statement, and where the quoted
 * `near` text starts on it (column and 1-based position) when it is found there.
 */
export function errorPlace(run: MysqlRunContext, statementLine: number, near: string | undefined): { line: number; column?: number; position?: number } {
  // Every segment counts, empty ones too: the server answers an empty statement with an error of its own.
  const statement = splitStatements(run.sql, 'mysql', { keepEmpty: true })[run.statementIndex];
  const countFrom = statement ? statement.afterSeparator + /^\s*/.exec(run.sql.slice(statement.afterSeparator))![0].length : 0;
  let lineStart = countFrom;
  for (let n = 1; n < statementLine; n++) {
    const newline = run.sql.indexOf('\n', lineStart);
    if (newline === -1) return { line: lineAndColumn(run.sql, countFrom).line + statementLine - 1 };
    lineStart = newline + 1;
  }
  const line = lineAndColumn(run.sql, lineStart).line;
  const offset = near === undefined ? -1 : nearOffset(run.sql, lineStart, near, statement);
  const at = offset === -1 ? null : lineAndColumn(run.sql, offset);
  return at && at.line === line ? { line, column: at.column, position: offset + 1 } : { line };
}

/** Where the quoted text starts: on the line at `lineStart`, or at the statement's end when nothing is quoted. */
function nearOffset(sql: string, lineStart: number, near: string, statement: Statement | undefined): number {
  if (near === '') return statement && statement.text !== '' ? statement.start + statement.text.length : -1;
  const found = sql.indexOf(near, lineStart);
  const lineEnd = sql.indexOf('\n', lineStart);
  return found !== -1 && (lineEnd === -1 || found <= lineEnd) ? found : -1;
}
