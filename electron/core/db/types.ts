import type { Duplex } from 'node:stream';
import type { Engine } from '../../../shared/profile';
import type { ColumnMeta, DbConnectConfig, SchemaInfo } from '../../../shared/query';
import type { RowEncoder } from './store/rowCodec';

/** Opens one byte stream to the database server (the session layer passes `() => tunnel.openStream(host, port)`). */
export type StreamFactory = () => Promise<Duplex>;

/** Where a connection's bytes go: a stream factory (tunnel), plain TCP, or a local file (sqlite). */
export type DbTransport =
  | { kind: 'stream'; open: StreamFactory }
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'file' };

/**
 * A cell value as drivers hand it to the store: strings are the server's exact text, Buffers are
 * binary, bigints and numbers become text. Drivers map anything else (Dates...) before pushing.
 */
export type RawCell = string | boolean | Buffer | Uint8Array | bigint | number | null | undefined;

/** Receives one statement's rows; `push` returns false when the store wants no more. */
export interface ResultWriter {
  push(row: readonly RawCell[]): boolean;
  /**
   * Stores a row that `encoder` writes straight into the store's encoding, in at most `maxBytes`:
   * a driver can copy cells from its wire bytes without building a string per cell. Optional; a
   * writer without it gets `push`.
   */
  pushEncoded?(maxBytes: number, encoder: RowEncoder): boolean;
  /**
   * Optional backpressure: a promise while the writer has more queued than it wants (an export
   * writing to a slower disk), null when it takes rows now. A driver that can pause its source
   * awaits it between batches; one that cannot keeps pushing, and the writer holds the rows.
   */
  ready?(): Promise<void> | null;
  /** Marks the result cut by the row limit (the server had more rows). */
  markLimited(): void;
  end(outcome: { command: string | null; rowsAffected: number | null }): void;
}

/** Where a run puts its outcomes, one per statement, in order. */
export interface RunSink {
  beginRows(columns: ColumnMeta[]): ResultWriter;
  command(outcome: { command: string | null; rowsAffected: number | null }): void;
}

export interface RunOptions {
  /** null: no limit. */
  rowLimit: number | null;
  /** Bind parameters; only with a single statement. */
  params?: readonly (string | null)[];
}

/** One live database connection of any engine. Each one runs one statement batch at a time. */
export interface DbConnection {
  readonly engine: Engine;
  readonly serverVersion: string;
  readonly tls: boolean;
  readonly database: string;
  /** Runs every statement of `sql` in order, writing each outcome to `sink`; rejects with a BurrowError. */
  run(sql: string, options: RunOptions, sink: RunSink): Promise<void>;
  /** Cancels what `run` is doing now, if anything; the connection stays usable. */
  cancel(): Promise<void>;
  introspect(schema?: string): Promise<SchemaInfo>;
  /** Whether a transaction the user began (BEGIN in a query tab) is open on this connection now. */
  inTransaction(): Promise<boolean>;
  /** The server's id of this connection (PostgreSQL's backend pid, MySQL's thread id), where known. */
  readonly serverProcessId?: string | null;
  close(): Promise<void>;
  /** Called once when the connection dies on its own (server gone, tunnel closed). */
  onLost(listener: (error: Error) => void): void;
}

export interface Driver {
  readonly engines: readonly Engine[];
  connect(config: DbConnectConfig, transport: DbTransport): Promise<DbConnection>;
}

/** Results wider than this are refused (RESULT_TOO_WIDE) before any row is stored. */
export const MAX_RESULT_COLUMNS = 1000;
