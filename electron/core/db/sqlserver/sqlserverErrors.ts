import { BurrowError } from '../../../../shared/errors';
import { isConnectionLoss, transportError } from '../errors/connectionErrors';
import type { ServerSocket } from '../transport/serverSocket';
import { looksLikeTds } from './sqlserverSocket';

/** A server ERROR token as tedious reports it (`errorMessage` event, or the fields of a RequestError). */
export interface TdsServerMessage {
  number?: number | undefined;
  state?: number | undefined;
  class?: number | undefined;
  message: string;
  procName?: string | undefined;
  lineNumber?: number | undefined;
}

/** Where the failing batch sits in the submitted SQL, to turn the server's batch line into a line of the editor. */
export interface BatchContext {
  /** Lines of the submitted SQL before the batch (0 for the first or only batch). */
  lineOffset: number;
  batchIndex: number;
}

/** Login failed (18456), untrusted domain, account disabled, locked out, password expired or must change. */
const AUTH_NUMBERS = new Set([18456, 18452, 18470, 18486, 18487, 18488]);
const DATABASE_NOT_FOUND = 4060;

const serverText = (m: TdsServerMessage): string => `${m.message} (error ${m.number ?? '?'}, state ${m.state ?? '?'})`;
const numbers = (m: TdsServerMessage): Record<string, unknown> => ({ number: m.number ?? null, state: m.state ?? null, class: m.class ?? null });

/** tedious wraps socket failures ("Failed to connect ... - <cause>"); the cause carries the real code. */
const unwrap = (error: unknown): unknown => {
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof Error ? cause : error;
};

/**
 * Maps a failed tedious login. `messages` are the ERROR tokens the server sent during login: a
 * missing database comes as 4060 followed by 18456, so 4060 wins.
 */
export function sqlserverConnectError(error: unknown, messages: readonly TdsServerMessage[], socket: ServerSocket | null, target: string): BurrowError {
  const code = (error as { code?: string } | null)?.code;
  // A refused login (ELOGIN) is the server's word; its text may mention "certificate" without being a TLS failure.
  const fromTransport = code === 'ELOGIN' && messages.length > 0 ? null : transportError(unwrap(error), socket, "SQL Server's TDS protocol", looksLikeTds);
  if (fromTransport) return fromTransport;
  const missing = messages.find((m) => m.number === DATABASE_NOT_FOUND);
  if (missing) return new BurrowError('DB_NOT_FOUND', serverText(missing), numbers(missing));
  const auth = messages.find((m) => m.number !== undefined && AUTH_NUMBERS.has(m.number));
  if (auth) return new BurrowError('DB_AUTH_FAILED', `login to ${target} refused: ${serverText(auth)}`, numbers(auth));
  const other = messages[0];
  if (other) return new BurrowError('DB_CONNECT_FAILED', `login to ${target} failed: ${serverText(other)}`, numbers(other));
  const message = error instanceof Error ? error.message : String(error);
  if (/did not negotiate encryption/i.test(message)) return new BurrowError('DB_TLS_FAILED', `${target} does not offer TLS, and this connection's TLS mode requires it`);
  if (/requires encryption/i.test(message)) return new BurrowError('DB_TLS_FAILED', `${target} requires TLS, and this connection's TLS mode is "disable"`);
  if (socket && socket.received === 0 && code === 'ESOCKET') {
    return new BurrowError('DB_PROTOCOL_MISMATCH', `${target} closed the connection without answering the TDS PRELOGIN: it is not SQL Server, or it accepts only TDS 8 strict encryption`);
  }
  if (code === 'ETIMEOUT') return new BurrowError('DB_CONNECT_FAILED', `no SQL Server login answer from ${target} in time: ${message}`);
  return new BurrowError('DB_CONNECT_FAILED', `cannot log in to ${target}: ${message || 'the connection closed during login'}`);
}

/** Maps a failed batch: the server's error number, state, class and line (as a line of the submitted SQL). */
export function sqlserverQueryError(error: unknown, context: BatchContext): BurrowError {
  if (error instanceof BurrowError) return error;
  const first = error instanceof AggregateError ? (error.errors[0] as unknown) : error;
  const server = first as TdsServerMessage & { code?: string };
  if (server.code === 'ECANCEL') return new BurrowError('CANCELLED', 'the query was cancelled');
  if (typeof server.number !== 'number') {
    // Only failures without a server error number can be the transport's (a server message may well mention "certificate").
    const fromTransport = transportError(unwrap(first), null, 'SQL Server', () => true);
    if (fromTransport) return fromTransport;
    const message = first instanceof Error ? first.message : String(first);
    if (server.code === 'ECLOSE' || server.code === 'ESOCKET' || (first instanceof Error && isConnectionLoss(first))) {
      return new BurrowError('DB_CONNECTION_LOST', `the connection to the server was lost while running batch ${context.batchIndex + 1}: ${message}`);
    }
    return new BurrowError('QUERY_FAILED', message);
  }
  const detail: Record<string, unknown> = { ...numbers(server), batchIndex: context.batchIndex };
  let where = '';
  if (server.lineNumber && !server.procName) {
    detail.line = context.lineOffset + server.lineNumber;
    where = `, Line ${detail.line as number}`;
  } else if (server.lineNumber) {
    Object.assign(detail, { procName: server.procName, procLine: server.lineNumber });
    where = `, Procedure ${server.procName}, Line ${server.lineNumber}`;
  }
  if (error instanceof AggregateError && error.errors.length > 1) {
    detail.messages = (error.errors as TdsServerMessage[]).map((m) => ({ number: m.number ?? null, message: m.message, line: m.lineNumber ?? null }));
  }
  const text = `Msg ${server.number}, Level ${server.class ?? '?'}, State ${server.state ?? '?'}${where}: ${server.message}`;
  // Severity 20 and above ends the session on the server.
  if ((server.class ?? 0) >= 20) return new BurrowError('DB_CONNECTION_LOST', `the server ended the connection: ${text}`, detail);
  return new BurrowError('QUERY_FAILED', text, detail);
}
