import { BurrowError } from '../../../../shared/errors';
import { describeTlsError } from '../tls/tlsOptions';
import { describeGreeting, type ServerSocket } from '../transport/serverSocket';

/**
 * Errors every network engine shares: a BurrowError from the transport (TUNNEL_CLOSED,
 * SSH_CHANNEL_REFUSED...) keeps its code; TLS refusals become DB_TLS_FAILED; a server that answered
 * in another protocol becomes DB_PROTOCOL_MISMATCH. Returns null when the engine must decide.
 */
export function transportError(error: unknown, socket: ServerSocket | null, expected: string, greetingLooksRight: (first: Buffer) => boolean): BurrowError | null {
  if (error instanceof BurrowError) return error;
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause instanceof BurrowError) return cause;
  if (!(error instanceof Error)) return null;
  const tlsText = describeTlsError(error as NodeJS.ErrnoException);
  if (tlsText) return new BurrowError('DB_TLS_FAILED', tlsText, { tlsCode: (error as NodeJS.ErrnoException).code ?? null });
  const first = socket?.firstBytes ?? null;
  if (first && first.length > 0 && !greetingLooksRight(first)) {
    return new BurrowError('DB_PROTOCOL_MISMATCH', `the server does not speak ${expected}: it answered with ${describeGreeting(first)}. Check the engine and port of this connection.`, { greeting: describeGreeting(first) });
  }
  return null;
}

/** Socket-level failures after login: the server or the network went away. */
export function isConnectionLoss(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'PROTOCOL_CONNECTION_LOST', 'ESOCKET', 'ECONNCLOSED'].includes(code)
    || /connection terminated|socket closed|connection lost|Connection closed|closed the connection|write after end|This socket has been ended/i.test(error.message);
}
