import { BurrowError } from '../../../../shared/errors';
import { isConnectionLoss, transportError } from '../errors/connectionErrors';
import { lineAndColumn, type StatementContext } from '../errors/sqlPosition';
import type { ServerSocket } from '../transport/serverSocket';

interface PgServerError extends Error {
  code?: string;
  position?: string;
  detail?: string;
  hint?: string;
  severity?: string;
}

const isSqlState = (code: unknown): code is string => typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);

// Replies to the startup or SSL request start with R (auth), E (error), N or S (SSL answer), or v (version negotiation).
const looksLikePostgres = (first: Buffer): boolean => [0x52, 0x45, 0x4e, 0x53, 0x76].includes(first[0] ?? 0);

/** Maps a pg error during login to a coded BurrowError. */
export function pgConnectError(error: unknown, socket: ServerSocket | null, target: string): BurrowError {
  // Checked first: the generic TLS mapping below would otherwise claim it, and `prefer` needs to
  // recognise exactly this refusal to retry in the clear.
  if (/does not support SSL/i.test(error instanceof Error ? error.message : String(error))) {
    return new BurrowError('DB_TLS_FAILED', `${target} does not offer TLS, and this connection's TLS mode requires it`);
  }
  const fromTransport = transportError(error, socket, 'PostgreSQL', looksLikePostgres);
  if (fromTransport) return fromTransport;
  const pgError = error as PgServerError;
  if (isSqlState(pgError.code)) {
    const text = `${pgError.message} (SQLSTATE ${pgError.code})`;
    if (pgError.code === '28P01' || pgError.code === '28000') return new BurrowError('DB_AUTH_FAILED', `login to ${target} refused: ${text}`, { sqlstate: pgError.code });
    if (pgError.code === '3D000') return new BurrowError('DB_NOT_FOUND', `${text}`, { sqlstate: pgError.code });
    return new BurrowError('DB_CONNECT_FAILED', `login to ${target} failed: ${text}`, { sqlstate: pgError.code });
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/timeout/i.test(message)) return new BurrowError('DB_CONNECT_FAILED', `no PostgreSQL login answer from ${target} in time: ${message}`);
  return new BurrowError('DB_CONNECT_FAILED', `cannot log in to ${target}: ${message || 'the connection closed during login'}`);
}

/** Maps an error while running a statement, with SQLSTATE and the position in the submitted SQL. */
export function pgQueryError(error: unknown, context: StatementContext): BurrowError {
  if (error instanceof BurrowError) return error;
  const fromTransport = transportError(error, null, 'PostgreSQL', () => true);
  if (fromTransport) return fromTransport;
  const pgError = error as PgServerError;
  if (!isSqlState(pgError.code)) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof Error && isConnectionLoss(error)) {
      return new BurrowError('DB_CONNECTION_LOST', `the connection to the server was lost while running statement ${context.statementIndex + 1}: ${message}`);
    }
    return new BurrowError('QUERY_FAILED', message);
  }
  const detail: Record<string, unknown> = { sqlstate: pgError.code, statementIndex: context.statementIndex };
  let where = '';
  if (pgError.position) {
    const offset = context.statementStart + Number(pgError.position) - 1;
    const { line, column } = lineAndColumn(context.sql, offset);
    Object.assign(detail, { position: offset + 1, line, column });
    where = ` at line ${line}, column ${column}`;
  }
  if (pgError.detail) detail.serverDetail = pgError.detail;
  if (pgError.hint) detail.hint = pgError.hint;
  const text = `${pgError.severity ?? 'ERROR'} ${pgError.code}: ${pgError.message}${where}`;
  if (pgError.code === '57014') return new BurrowError('CANCELLED', `the query was cancelled (${text})`, detail);
  if (pgError.code.startsWith('57P') || pgError.code.startsWith('08')) return new BurrowError('DB_CONNECTION_LOST', `the server ended the connection: ${text}`, detail);
  return new BurrowError('QUERY_FAILED', text, detail);
}
