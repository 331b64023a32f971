import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import type pg from 'pg';

const require = createRequire(import.meta.url);
// pg's own protocol parser (the package exports this path); only DataRow handling changes.
const { Parser } = require('pg-protocol/dist/parser.js') as { Parser: new () => ProtocolParser };

interface BackendMessage {
  name: string;
  length: number;
}

interface ProtocolParser {
  parse(buffer: Buffer, callback: (message: BackendMessage) => void): void;
  handlePacket(offset: number, code: number, length: number, bytes: Buffer): BackendMessage;
}

const DATA_ROW = 0x44;

/**
 * A DataRow whose cells stay bytes until someone asks for `fields`. The store copies them from
 * `source` directly; pg's own consumers (plain queries) read `fields` and get what pg's parser
 * would have made. `source` is the parser's buffer and only valid while the message is dispatched.
 */
export class LazyDataRow implements BackendMessage {
  readonly name = 'dataRow';
  private decoded: (string | null)[] | null = null;
  private taken = false;

  constructor(
    private source: Buffer | null,
    readonly start: number,
    readonly end: number,
    readonly length: number,
  ) {}

  get fields(): (string | null)[] {
    if (!this.decoded) {
      const source = this.source;
      if (!source) throw new Error('a DataRow was read after its bytes were released');
      const count = source.readInt16BE(this.start);
      const fields = new Array<string | null>(count);
      let at = this.start + 2;
      for (let i = 0; i < count; i++) {
        const length = source.readInt32BE(at);
        at += 4;
        fields[i] = length < 0 ? null : source.toString('utf8', at, at + length);
        if (length > 0) at += length;
      }
      this.decoded = fields;
    }
    return this.decoded;
  }

  /** The wire bytes, for a consumer that stores them itself (then nothing is decoded). */
  take(): Buffer {
    this.taken = true;
    return this.source!;
  }

  /** After dispatch: the parser's buffer moves on, so keep the texts if nobody took the bytes. */
  release(): void {
    if (!this.taken) void this.fields;
    this.source = null;
  }
}

class LazyDataRowParser extends Parser {
  override handlePacket(offset: number, code: number, length: number, bytes: Buffer): BackendMessage {
    if (code === DATA_ROW) return new LazyDataRow(bytes, offset, offset + length - 4, length);
    return super.handlePacket(offset, code, length, bytes);
  }
}

/**
 * Makes `client` deliver DataRows as LazyDataRow messages. pg's Connection reads its stream with
 * pg-protocol's `parse` (in `attachListeners`, also after a TLS upgrade); this does the same with
 * the lazy parser. Call before `connect()`.
 */
export function useLazyDataRows(client: pg.Client): void {
  const connection = (client as unknown as { connection: ConnectionInternals }).connection;
  connection.attachListeners = function (this: ConnectionInternals, stream: Readable) {
    const parser = new LazyDataRowParser();
    const dispatch = (message: BackendMessage): void => {
      if (this._emitMessage) this.emit('message', message);
      this.emit(message.name === 'error' ? 'errorMessage' : message.name, message);
      if (message instanceof LazyDataRow) message.release();
    };
    stream.on('data', (buffer: Buffer) => parser.parse(buffer, dispatch));
  };
}

interface ConnectionInternals {
  _emitMessage: boolean;
  emit(event: string, ...args: unknown[]): boolean;
  attachListeners(stream: Readable): void;
}
