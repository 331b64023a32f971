import net from 'node:net';
import type { Duplex } from 'node:stream';
import { BurrowError } from '../../../../shared/errors';
import { TunnelSocket } from '../../ssh/tunnelSocket';
import type { DbTransport, StreamFactory } from '../types';

/**
 * A socket-shaped stream to the server that remembers the first bytes the server sent, so a
 * failed login can tell "wrong protocol on this port" from other failures.
 */
export class ServerSocket extends TunnelSocket {
  firstBytes: Buffer | null = null;
  received = 0;

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (Buffer.isBuffer(chunk)) {
      this.received += chunk.length;
      this.firstBytes ??= Buffer.from(chunk.subarray(0, 16));
    }
    return super.push(chunk, encoding);
  }

  /**
   * Writes that queued up (while corked, or behind a write in flight) go out as one write: one SSH
   * packet through a tunnel, one TCP segment directly. A query's messages sent as several small
   * writes can otherwise meet Nagle on sshd's socket to the server and a 40 ms delayed ACK.
   */
  override _writev(chunks: { chunk: Buffer; encoding: BufferEncoding }[], callback: (error?: Error | null) => void): void {
    if (chunks.length === 1) this._write(chunks[0]!.chunk, chunks[0]!.encoding, callback);
    else this._write(Buffer.concat(chunks.map(({ chunk }) => chunk)), chunks[0]!.encoding, callback);
  }
}

/** The stream factory of a transport; direct TCP becomes one too, so every driver sees one shape. */
export function streamFactoryOf(transport: DbTransport, timeoutMs: number): StreamFactory {
  if (transport.kind === 'stream') return transport.open;
  if (transport.kind === 'tcp') return () => openTcp(transport.host, transport.port, timeoutMs);
  throw new BurrowError('VALIDATION', 'this engine needs a network transport (an SSH tunnel stream or host and port), not a file');
}

function openTcp(host: string, port: number, timeoutMs: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setNoDelay(true);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new BurrowError('DB_CONNECT_FAILED', `no answer from ${host}:${port} within ${timeoutMs} ms`, { host, port }));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const why = error.code === 'ECONNREFUSED' ? 'connection refused (is the server running on that port?)'
        : error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN' ? 'host name not found' : error.message;
      reject(new BurrowError('DB_CONNECT_FAILED', `cannot connect to ${host}:${port}: ${why}`, { host, port, errno: error.code ?? null }));
    });
  });
}

/** Opens a ServerSocket at once (drivers may build their stream synchronously). */
export function openServerSocket(open: StreamFactory): ServerSocket {
  return new ServerSocket(open);
}

/** What the first bytes say about the server, for DB_PROTOCOL_MISMATCH messages. */
export function describeGreeting(first: Buffer | null): string {
  if (!first || first.length === 0) return 'nothing';
  // MySQL/MariaDB: 3-byte length, sequence 0, protocol version 10, then a version string.
  if (first.length >= 5 && first[3] === 0 && first[4] === 10) return 'a MySQL/MariaDB handshake';
  if (first.length >= 5 && first[3] === 0 && first[4] === 0xff) return 'a MySQL/MariaDB error packet';
  if (first.subarray(0, 4).toString('latin1') === 'SSH-') return 'an SSH banner';
  if (/^HTTP\//.test(first.toString('latin1'))) return 'an HTTP response';
  if (first[0] === 0x04 || first[0] === 0x12) return 'a SQL Server (TDS) packet';
  if (first[0] === 0x52 || first[0] === 0x45) return 'a PostgreSQL message';
  return `bytes ${first.subarray(0, 8).toString('hex')}`;
}
