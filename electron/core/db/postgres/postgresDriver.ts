import type { Duplex } from 'node:stream';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { BurrowError } from '../../../../shared/errors';
import type { ColumnMeta, DbConnectConfig, SchemaInfo } from '../../../../shared/query';
import { splitStatements } from '../../../../shared/sql/splitStatements';
import { tlsConnectionOptions, tlsServerName } from '../tls/tlsOptions';
import { openServerSocket, streamFactoryOf, type ServerSocket } from '../transport/serverSocket';
import { MAX_RESULT_COLUMNS, type DbConnection, type Driver, type RawCell, type ResultWriter, type RunOptions, type RunSink, type StreamFactory } from '../types';
import { sendCancelRequest } from './postgresCancel';
import { pgConnectError, pgQueryError } from './postgresErrors';
import { introspectPostgres } from './postgresIntrospect';
import { resolveColumnMeta, typeNamesWithoutCatalog } from './postgresColumns';
import { fieldKindOf, rawTextTypes } from './postgresTypes';
import { DataRowEncoder } from './dataRowEncoder';
import { LazyDataRow, useLazyDataRows } from './lazyDataRows';
import { ConnectionLife } from '../connectionLife';


/** Rows per cursor fetch: a first page at once, then larger batches (exported for the benchmark's raw-driver reference). */
export const FIRST_BATCH_ROWS = 1000;
export const BATCH_ROWS = 5000;

/**
 * pg-cursor, with each DataRow message handed to `onRow` (a LazyDataRow: the store copies its bytes;
 * its `fields` are the server's texts, null for NULL): no row array built, no type parser called per
 * cell, no 'row' event, and no batch array kept, since the store holds the rows. `read` resolves
 * with an empty array; `received` counts the rows.
 */
class StoreCursor extends Cursor {
  onRow: (message: LazyDataRow | { fields: RawCell[] }) => void = () => {};
  received = 0;

  override handleDataRow(message: LazyDataRow | { fields: RawCell[] }): void {
    this.received++;
    this.onRow(message);
  }
}

interface CursorField {
  name: string;
  dataTypeID: number;
  dataTypeModifier: number;
  tableID: number;
  columnID: number;
}

export const postgresDriver: Driver = {
  engines: ['postgres'],
  async connect(config, transport) {
    const open = streamFactoryOf(transport, config.connectTimeoutMs);
    const host = config.host || (transport.kind === 'tcp' ? transport.host : 'localhost');
    const tls = tlsConnectionOptions(config.tls, host);
    try {
      return await PostgresConnection.open(config, open, host, tls);
    } catch (error) {
      // `prefer`: a server without TLS is fine, so log in again in the clear.
      if (config.tls.mode === 'prefer' && error instanceof BurrowError && error.code === 'DB_TLS_FAILED' && /does not offer TLS/.test(error.message)) {
        return PostgresConnection.open(config, open, host, null);
      }
      throw error;
    }
  },
};

class PostgresConnection implements DbConnection {
  readonly engine = 'postgres' as const;
  private running: { cancelled: boolean; cursor: Cursor | null } | null = null;
  private readonly life = new ConnectionLife();
  /** The backend's transaction status from its last ReadyForQuery: I idle, T in a block, E in a failed block. */
  private transactionStatus = 'I';

  private constructor(
    private readonly client: pg.Client,
    private readonly open: StreamFactory,
    readonly serverVersion: string,
    readonly tls: boolean,
    readonly database: string,
  ) {
    const lost = (error: Error): void => this.life.lost(error);
    client.on('error', lost);
    client.on('end', () => lost(new BurrowError('DB_CONNECTION_LOST', 'the server closed the connection')));
    (client as unknown as { connection: NodeJS.EventEmitter }).connection.on('readyForQuery', (message: { status: string }) => {
      this.transactionStatus = message.status;
    });
  }

  get serverProcessId(): string | null {
    const pid = (this.client as unknown as { processID?: number | null }).processID;
    return typeof pid === 'number' ? String(pid) : null;
  }

  static async open(config: DbConnectConfig, open: StreamFactory, host: string, tls: ReturnType<typeof tlsConnectionOptions>): Promise<PostgresConnection> {
    let socket: ServerSocket | null = null;
    const client = new pg.Client({
      user: config.user,
      password: config.password,
      database: config.database || config.user,
      // pg uses `host` only as the TLS name here: the bytes go through `stream`.
      host: tls ? tlsServerName(config.tls, host) : host,
      port: config.port ?? 5432,
      stream: () => {
        socket = openServerSocket(open);
        return socket;
      },
      ssl: tls ?? false,
      connectionTimeoutMillis: config.connectTimeoutMs,
      application_name: 'Burrow',
      // Read-only from the startup packet on: no statement can run before it applies.
      ...(config.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
      types: rawTextTypes,
    } as pg.ClientConfig);
    useLazyDataRows(client);
    client.on('error', () => {});
    const target = `PostgreSQL at ${host}:${config.port ?? 5432}`;
    // A refused certificate closes the channel too, and pg reports only "terminated unexpectedly": keep the TLS error.
    let tlsError: Error | null = null;
    const connection = (client as unknown as { connection: NodeJS.EventEmitter & { stream: NodeJS.EventEmitter } }).connection;
    connection.once('sslconnect', () => connection.stream.once('error', (error: Error) => {
      tlsError ??= error;
    }));
    try {
      await client.connect();
    } catch (error) {
      (socket as ServerSocket | null)?.destroy();
      throw pgConnectError(tlsError ?? error, socket, target);
    }
    const version = await client.query<{ server_version: string; current_database: string }>('SELECT current_setting($1) AS server_version, current_database() AS current_database', ['server_version']);
    const row = version.rows[0];
    return new PostgresConnection(client, open, `PostgreSQL ${row?.server_version ?? '?'}`, tls !== null, row?.current_database ?? config.database);
  }

  onLost(listener: (error: Error) => void): void {
    this.life.onLost(listener);
  }

  async run(sql: string, options: RunOptions, sink: RunSink): Promise<void> {
    if (this.running) throw new BurrowError('VALIDATION', 'a query is already running on this connection');
    const statements = splitStatements(sql, 'postgres');
    if (statements.length === 0) throw new BurrowError('VALIDATION', 'there is no SQL statement to run (only whitespace or comments)');
    if (options.params && statements.length !== 1) throw new BurrowError('VALIDATION', 'parameters need exactly one statement');
    const state: { cancelled: boolean; cursor: Cursor | null } = { cancelled: false, cursor: null };
    this.running = state;
    try {
      for (const [index, statement] of statements.entries()) {
        if (state.cancelled) throw new BurrowError('CANCELLED', `the run was cancelled before statement ${index + 1}`);
        try {
          await this.runStatement(statement.text, options, sink, state);
        } catch (error) {
          throw pgQueryError(error, { sql, statementStart: statement.start, statementIndex: index });
        }
      }
    } finally {
      this.running = null;
    }
  }

  private async runStatement(text: string, options: RunOptions, sink: RunSink, state: { cancelled: boolean; cursor: Cursor | null }): Promise<void> {
    const cursor = new StoreCursor(text, options.params ? [...options.params] : undefined, { rowMode: 'array', types: rawTextTypes });
    const result = (cursor as unknown as { _result: { fields: CursorField[]; command: string | null; rowCount: number | null } })._result;
    const limit = options.rowLimit;
    let writer: ResultWriter | null = null;
    let columns: ColumnMeta[] = [];
    /** Columns whose text pg would parse (bool, bytea), with their parser; every other cell stays the server's text. */
    let parsed: { index: number; parse: (value: string) => unknown }[] = [];
    /** Set when the store takes rows straight from the wire bytes. */
    let encoder: DataRowEncoder | null = null;
    let stored = 0;
    let stop = false;
    const begin = (): ResultWriter | null => {
      if (result.fields.length > MAX_RESULT_COLUMNS) return null;
      columns = resolveColumnMeta(result.fields);
      parsed = result.fields.flatMap((field, index) => (rawTextTypes.isText(field.dataTypeID) ? [] : [{ index, parse: rawTextTypes.getTypeParser(field.dataTypeID) }]));
      writer = sink.beginRows(columns);
      if (writer.pushEncoded) encoder = new DataRowEncoder(Uint8Array.from(result.fields, (field) => fieldKindOf(field.dataTypeID)));
      return writer;
    };
    // Rows go to the store as each DataRow arrives, not per fetched batch, so the first rows show at once.
    cursor.onRow = (message) => {
      if (stop) return;
      const target = writer ?? begin();
      if (!target) {
        stop = true;
        return;
      }
      if (limit !== null && stored >= limit) {
        target.markLimited();
        stop = true;
        return;
      }
      let accepted: boolean;
      if (encoder && message instanceof LazyDataRow) {
        accepted = target.pushEncoded!(encoder.row(message.take(), message.start, message.end), encoder);
      } else {
        // The DataRow's own array of texts is the row: only bool and bytea cells are replaced in place.
        const fields = message.fields;
        for (const { index, parse } of parsed) {
          const value = fields[index];
          if (typeof value === 'string') fields[index] = parse(value) as RawCell;
        }
        accepted = target.push(fields);
      }
      if (!accepted) stop = true;
      else stored++;
    };
    state.cursor = cursor;
    let before = cursor.received;
    // Parse, Bind, Describe and the first Execute leave in one write (see ServerSocket._writev), with one Flush.
    await this.corked(() => {
      this.client.query(cursor);
      return cursor.read(limit === null ? FIRST_BATCH_ROWS : Math.min(FIRST_BATCH_ROWS, limit + 1));
    });
    if (result.fields.length === 0) {
      await this.corked(() => cursor.close());
      sink.command({ command: result.command ?? null, rowsAffected: result.rowCount ?? null });
      return;
    }
    if (result.fields.length > MAX_RESULT_COLUMNS) {
      await this.corked(() => cursor.close());
      throw new BurrowError('RESULT_TOO_WIDE', `the result has ${result.fields.length} columns; Burrow shows at most ${MAX_RESULT_COLUMNS}. Select fewer columns.`, { columns: result.fields.length });
    }
    const rowsWriter = writer ?? begin()!;
    // A batch that brought no rows means the portal is exhausted.
    while (!stop && cursor.received > before && !state.cancelled) {
      before = cursor.received;
      // Only an export's writer may ask to wait; the store never does, and costs no extra tick.
      const room = rowsWriter.ready?.();
      if (room) await room;
      await this.corked(() => cursor.read(limit === null ? BATCH_ROWS : Math.min(BATCH_ROWS, limit - stored + 1)));
    }
    // Close and Sync in one write.
    await this.corked(() => cursor.close());
    if (state.cancelled) throw new BurrowError('CANCELLED', 'the query was cancelled');
    // Type names with modifiers, nullability and origins need a catalog lookup, which can only run
    // now; a result of plain built-in expressions needs none.
    const known = typeNamesWithoutCatalog(result.fields);
    if (!known) await this.completeColumnMeta(result.fields, columns);
    else {
      known.forEach((name, index) => {
        const column = columns[index];
        if (column) column.dataType = name;
      });
    }
    rowsWriter.end({ command: result.command ?? 'SELECT', rowsAffected: result.rowCount ?? null });
  }

  /**
   * Runs `send` with the connection's stream corked, so the messages pg writes in it go out in one
   * write, and with its Flush messages folded into one at the end: pg-cursor flushes after Describe
   * and again after Execute, and each flush makes the server answer in a separate burst.
   */
  private corked<T>(send: () => T): T {
    const connection = (this.client as unknown as { connection: { stream: Duplex; flush(): void } }).connection;
    const { stream } = connection;
    const flush = connection.flush;
    let flushWanted = false;
    connection.flush = () => {
      flushWanted = true;
    };
    stream.cork();
    try {
      return send();
    } finally {
      connection.flush = flush;
      if (flushWanted) flush.call(connection);
      stream.uncork();
    }
  }

  private async completeColumnMeta(fields: CursorField[], columns: ColumnMeta[]): Promise<void> {
    const { rows } = await this.client.query<{ i: number; type: string; notnull: boolean | null; schema: string | null; table: string | null; column: string | null }>(
      `SELECT f.i, format_type(f.oid, NULLIF(f.typmod, -1)) AS type, a.attnotnull AS notnull,
              n.nspname AS schema, c.relname AS table, CASE WHEN a.attnum > 0 THEN a.attname END AS column
         FROM unnest($1::int[], $2::oid[], $3::int[], $4::oid[], $5::int2[]) AS f(i, oid, typmod, rel, num)
         LEFT JOIN pg_attribute a ON a.attrelid = f.rel AND a.attnum = f.num AND f.rel <> 0
         LEFT JOIN pg_class c ON c.oid = a.attrelid
         LEFT JOIN pg_namespace n ON n.oid = c.relnamespace`,
      [fields.map((_f, i) => i), fields.map((f) => f.dataTypeID), fields.map((f) => f.dataTypeModifier), fields.map((f) => f.tableID), fields.map((f) => f.columnID)],
    );
    for (const row of rows) {
      const column = columns[row.i];
      if (!column) continue;
      column.dataType = row.type;
      column.nullable = row.notnull === null ? null : !row.notnull;
      if (row.schema !== null && row.table !== null && row.column !== null) column.origin = { schema: row.schema, table: row.table, column: row.column };
    }
  }

  async cancel(): Promise<void> {
    const running = this.running;
    if (!running) return;
    running.cancelled = true;
    const { processID, secretKey } = this.client as unknown as { processID: number; secretKey: number };
    await sendCancelRequest(this.open, processID, secretKey);
  }

  introspect(schema?: string): Promise<SchemaInfo> {
    return introspectPostgres((text, values) => this.client.query({ text, values, rowMode: 'array' }).then((r) => r.rows as unknown[][]), schema);
  }

  async inTransaction(): Promise<boolean> {
    return this.transactionStatus !== 'I';
  }

  async close(): Promise<void> {
    this.life.close();
    await this.client.end().catch(() => {});
  }
}
