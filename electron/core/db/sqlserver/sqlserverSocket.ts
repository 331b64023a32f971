import { BurrowError } from '../../../../shared/errors';
import { describeGreeting, ServerSocket } from '../transport/serverSocket';
import type { StreamFactory } from '../types';

/** Every server message starts with a TDS header: type 0x04 (tabular result), then a status byte. */
export const looksLikeTds = (first: Buffer): boolean => first[0] === 0x04 && (first.length < 2 || first[1]! <= 0x1f);

/**
 * The stream tedious talks over. The client speaks first in TDS (PRELOGIN) and a SQL Server answers
 * at once, so a first reply that is not a TDS packet, or silence, fails the login right away as
 * DB_PROTOCOL_MISMATCH instead of waiting for tedious's connect timeout.
 */
export class TdsSocket extends ServerSocket {
  private answerTimer: NodeJS.Timeout | null = null;

  constructor(open: StreamFactory, target: string, answerTimeoutMs: number) {
    super(open);
    this.once('connect', () => {
      this.answerTimer = setTimeout(() => {
        if (this.received === 0) {
          this.destroy(new BurrowError('DB_PROTOCOL_MISMATCH', `${target} did not answer the TDS PRELOGIN within ${answerTimeoutMs} ms: it does not speak SQL Server's protocol (is this the port of another service?)`));
        }
      }, answerTimeoutMs);
    });
    this.once('close', () => this.stopTimer());
  }

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    const firstChunk = this.firstBytes === null || this.firstBytes.length === 0;
    const more = super.push(chunk, encoding);
    const first = this.firstBytes;
    if (firstChunk && first && first.length > 0) {
      this.stopTimer();
      if (!looksLikeTds(first)) {
        const greeting = describeGreeting(first);
        // Destroying from inside push would re-enter the stream; tedious sees the error next tick.
        process.nextTick(() => this.destroy(new BurrowError('DB_PROTOCOL_MISMATCH', `the server does not speak SQL Server's TDS protocol: it answered with ${greeting}. Check the engine and port of this connection.`, { greeting })));
      }
    }
    return more;
  }

  private stopTimer(): void {
    if (this.answerTimer) clearTimeout(this.answerTimer);
    this.answerTimer = null;
  }
}

/** Opens a TdsSocket and resolves once its stream is attached, so tedious never misses an early error. */
export function openTdsSocket(open: StreamFactory, target: string, answerTimeoutMs: number): Promise<TdsSocket> {
  return new Promise((resolve, reject) => {
    const socket = new TdsSocket(open, target, answerTimeoutMs);
    // tedious attaches its own listeners after the connector resolves; this keeps a late error from crashing the process.
    let failure: Error | null = null;
    socket.on('error', (error: Error) => {
      failure ??= error;
    });
    socket.once('connect', () => {
      socket.off('close', onClose);
      resolve(socket);
    });
    const onClose = (): void => {
      reject(failure ?? new BurrowError('DB_CONNECT_FAILED', `the stream to ${target} closed before it opened`));
    };
    socket.once('close', onClose);
  });
}
