import { BurrowError } from '../../../../shared/errors';
import type { StreamFactory } from '../types';

const CANCEL_REQUEST_CODE = 80877102;

/**
 * PostgreSQL's cancel request: a fresh stream (a new tunnel channel) carrying the backend's pid and
 * secret key. The server closes it without answering; the running statement then fails with 57014.
 */
export async function sendCancelRequest(open: StreamFactory, processId: number, secretKey: number, timeoutMs = 10_000): Promise<void> {
  const packet = Buffer.alloc(16);
  packet.writeInt32BE(16, 0);
  packet.writeInt32BE(CANCEL_REQUEST_CODE, 4);
  packet.writeInt32BE(processId, 8);
  packet.writeInt32BE(secretKey, 12);
  const stream = await open();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      stream.destroy();
      reject(new BurrowError('TIMEOUT', `the server did not take the cancel request within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    stream.once('close', done);
    stream.once('end', () => stream.destroy());
    stream.once('error', done);
    stream.resume();
    stream.end(packet);
  });
}
