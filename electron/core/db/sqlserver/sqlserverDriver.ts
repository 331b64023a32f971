import type net from 'node:net';
import { Connection, Request, TYPES } from 'tedious';
import { BurrowError } from '../../../../shared/errors';
import type { DbConnectConfig, SchemaInfo } from '../../../../shared/query';
import { lineAndColumn } from '../errors/sqlPosition';
import { streamFactoryOf } from '../transport/serverSocket';
import { MAX_RESULT_COLUMNS, type DbConnection, type Driver, type ResultWriter, type RunOptions, type RunSink, type StreamFactory } from '../types';
import { splitBatches } from '../../../../shared/sql/splitBatches';
import { sqlserverCell, sqlserverColumnMeta, type TdsColumn } from './sqlserverColumns';
import { sqlserverConnectError, sqlserverQueryError, type TdsServerMessage } from './sqlserverErrors';
import { useExactValues } from './sqlserverExactValues';
import { introspectSqlServer } from './sqlserverIntrospect';
import { openTdsSocket, type TdsSocket } from './sqlserverSocket';
import { tediousTls } from './sqlserverTls';
import { ConnectionLife } from '../connectionLife';


/** A SQL Server answers PRELOGIN at once; silence this long means something else listens on the port. */
const PRELOGIN_ANSWER_TIMEOUT_MS = 5000;
/** How long tedious waits for the server to acknowledge an attention (cancel) before dropping the connection. */
const CANCEL_TIMEOUT_MS = 5000;

export const sqlserverDriver: Driver = {
  engines: ['sqlserver'],
  async connect(config, transport) {
    const open = streamFactoryOf(transport, config.connectTimeoutMs);
    const host = config.host || (transport.kind === 'tcp' ? transport.host : 'localhost');
    try {
      return await SqlServerConnection.open(config, open, host, config.tls.mode !== 'disable');
    } catch (error) {
      // `prefer`: a server without TLS is fine, so log in again in the clear.
      if (config.tls.mode === 'prefer' && error instanceof BurrowError && error.code === 'DB_TLS_FAILED' && /does not offer TLS/.test(error.message)) {
        return SqlServerConnection.open(config, open, host, false);
      }
      throw error;
    }
  },
};

interface RunState {
  cancelled: boolean;
  /** Set when Burrow itself stops the batch (a result too wide); wins over tedious's ECANCEL. */
  failure: BurrowError | null;
}

interface TdsCell {
  value: unknown;
  metadata: TdsColumn;
}

/** Logs in over a fresh stream from `open`; rejects with a coded BurrowError. */
async function login(config: DbConnectConfig, open: StreamFactory, host: string, useTls: boolean): Promise<{ connection: Connection; exact: boolean }> {
  const port = config.port ?? 1433;
  const target = `SQL Server at ${host}:${port}`;
  const tls = tediousTls(useTls ? config.tls : { mode: 'disable' }, host);
  let socket: TdsSocket | null = null;
  const messages: TdsServerMessage[] = [];
  const connection = new Connection({
    // tedious uses `server` for messages and as the TLS name unless `serverName` is set: the bytes go through `connector`.
    server: host,
    authentication: { type: 'default', options: { userName: config.user, password: config.password } },
    options: {
      port,
      ...(config.database ? { database: config.database } : {}),
      connector: async () => {
        socket = await openTdsSocket(open, target, Math.min(PRELOGIN_ANSWER_TIMEOUT_MS, Math.floor(config.connectTimeoutMs * 0.8)));
        return socket as unknown as net.Socket;
      },
      encrypt: tls.encrypt,
      trustServerCertificate: tls.trustServerCertificate,
      ...(tls.serverName ? { serverName: tls.serverName } : {}),
      cryptoCredentialsDetails: tls.cryptoCredentialsDetails,
      connectTimeout: config.connectTimeoutMs,
      requestTimeout: 0,
      cancelTimeout: CANCEL_TIMEOUT_MS,
      // 4060 (no such database) counts as transient for Azure; retrying would only open more tunnel channels.
      maxRetriesOnTransientErrors: 0,
      useColumnNames: false,
      useUTC: true,
      rowCollectionOnDone: false,
      rowCollectionOnRequestCompletion: false,
      appName: 'Burrow',
    },
  });
  const exact = useExactValues(connection.config.options);
  connection.on('error', () => {});
  connection.on('errorMessage', (token) => messages.push(token));
  // tedious emits this synchronously once the handshake is done and before it sends LOGIN7, so a
  // refused certificate stops the login before the password leaves.
  connection.on('secure', (cleartext) => {
    const refused = tls.verify(cleartext);
    if (refused) {
      cleartext.destroy();
      (socket as TdsSocket | null)?.destroy(refused);
    }
  });
  try {
    await new Promise<void>((resolve, reject) => connection.connect((error) => (error ? reject(error) : resolve())));
  } catch (error) {
    connection.close();
    (socket as TdsSocket | null)?.destroy();
    throw sqlserverConnectError(error, messages, socket, target);
  }
  connection.removeAllListeners('errorMessage');
  connection.removeAllListeners('secure');
  return { connection, exact };
}

/** Runs one request and collects its rows as arrays of store cells (catalog and version queries). */
function collect(connection: Connection, sql: string, params: readonly unknown[]): Promise<unknown[][]> {
  return new Promise((resolve, reject) => {
    const rows: unknown[][] = [];
    const request = new Request(sql, (error) => (error ? reject(error) : resolve(rows)));
    request.on('row', (cells: TdsCell[]) => rows.push(cells.map((cell) => sqlserverCell(cell.value, cell.metadata))));
    params.forEach((value, i) => request.addParameter(`p${i + 1}`, TYPES.NVarChar, value === null || value === undefined ? null : String(value)));
    if (params.length > 0) connection.execSql(request);
    else connection.execSqlBatch(request);
  });
}

class SqlServerConnection implements DbConnection {
  readonly engine = 'sqlserver' as const;
  private running: RunState | null = null;
  private readonly life = new ConnectionLife();

  private constructor(
    private readonly connection: Connection,
    readonly serverVersion: string,
    readonly tls: boolean,
    readonly database: string,
    /** False only if tedious's value reader could not be wrapped (see sqlserverExactValues). */
    readonly exactValues: boolean,
  ) {
    const lost = (error: Error): void => this.life.lost(error);
    connection.on('error', (error) => lost(sqlserverQueryError(error, { lineOffset: 0, batchIndex: 0 })));
    connection.on('end', () => lost(new BurrowError('DB_CONNECTION_LOST', 'the server closed the connection')));
  }

  static async open(config: DbConnectConfig, open: StreamFactory, host: string, useTls: boolean): Promise<SqlServerConnection> {
    const { connection, exact } = await login(config, open, host, useTls);
    try {
      const [row] = await collect(connection, "SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)), CAST(SERVERPROPERTY('Edition') AS nvarchar(128)), DB_NAME()", []);
      const edition = row?.[1] ? ` (${String(row[1])})` : '';
      return new SqlServerConnection(connection, `SQL Server ${String(row?.[0] ?? '?')}${edition}`, useTls, String(row?.[2] ?? config.database), exact);
    } catch (error) {
      connection.close();
      throw sqlserverQueryError(error, { lineOffset: 0, batchIndex: 0 });
    }
  }

  onLost(listener: (error: Error) => void): void {
    this.life.onLost(listener);
  }

  async run(sql: string, options: RunOptions, sink: RunSink): Promise<void> {
    if (this.running) throw new BurrowError('VALIDATION', 'a query is already running on this connection');
    const batches = splitBatches(sql);
    if (batches.length === 0) throw new BurrowError('VALIDATION', 'there is no SQL statement to run (only whitespace, comments or GO)');
    if (options.params && batches.length !== 1) throw new BurrowError('VALIDATION', 'parameters need exactly one batch');
    const state: RunState = { cancelled: false, failure: null };
    this.running = state;
    try {
      for (const [index, batch] of batches.entries()) {
        for (let round = 0; round < batch.repeat; round++) {
          if (state.cancelled) throw new BurrowError('CANCELLED', `the run was cancelled before batch ${index + 1}`);
          try {
            await this.runBatch(batch.text, options, sink, state);
          } catch (error) {
            throw sqlserverQueryError(error, { lineOffset: lineAndColumn(sql, batch.start).line - 1, batchIndex: index });
          }
        }
      }
    } finally {
      this.running = null;
    }
  }

  /**
   * Sends the batch whole and follows tedious's per-statement events: COLMETADATA starts a result
   * set, DONE/DONEINPROC ends it (or, with no result set open, is a statement's command outcome).
   */
  private runBatch(text: string, options: RunOptions, sink: RunSink, state: RunState): Promise<void> {
    return new Promise((resolve, reject) => {
      const limit = options.rowLimit;
      let writer: ResultWriter | null = null;
      let stored = 0;
      let discarding = false;
      let outcomes = 0;
      const request = new Request(text, (error) => {
        if (state.failure) reject(state.failure);
        else if (error) reject(error);
        else {
          writer?.end({ command: 'SELECT', rowsAffected: null });
          if (outcomes === 0) sink.command({ command: null, rowsAffected: null });
          resolve();
        }
      });
      request.on('columnMetadata', (columns) => {
        writer?.end({ command: 'SELECT', rowsAffected: null });
        writer = null;
        const list = columns as unknown as TdsColumn[];
        if (list.length > MAX_RESULT_COLUMNS) {
          state.failure = new BurrowError('RESULT_TOO_WIDE', `the result has ${list.length} columns; Burrow shows at most ${MAX_RESULT_COLUMNS}. Select fewer columns.`, { columns: list.length });
          this.connection.cancel();
          return;
        }
        writer = sink.beginRows(sqlserverColumnMeta(list));
        outcomes++;
        stored = 0;
        discarding = false;
      });
      request.on('row', (cells: TdsCell[]) => {
        if (!writer || discarding) return;
        if (limit !== null && stored >= limit) {
          // T-SQL has no session cap for SELECTs alone (SET ROWCOUNT also cuts UPDATE/DELETE): the rest is read and dropped.
          writer.markLimited();
          discarding = true;
        } else if (!writer.push(cells.map((cell) => sqlserverCell(cell.value, cell.metadata)))) {
          discarding = true;
        } else {
          stored++;
          const room = writer.ready?.();
          if (room) {
            // tedious holds the rows that arrive meanwhile and stops reading the socket.
            request.pause();
            void room.then(() => request.resume());
          }
        }
      });
      const statementDone = (rowCount: number | undefined): void => {
        if (writer) {
          writer.end({ command: 'SELECT', rowsAffected: rowCount ?? null });
          writer = null;
        } else {
          sink.command({ command: null, rowsAffected: rowCount ?? null });
          outcomes++;
        }
      };
      request.on('done', statementDone);
      request.on('doneInProc', statementDone);
      if (options.params) {
        options.params.forEach((value, i) => request.addParameter(`p${i + 1}`, TYPES.NVarChar, value));
        this.connection.execSql(request);
      } else {
        this.connection.execSqlBatch(request);
      }
    });
  }

  async cancel(): Promise<void> {
    const running = this.running;
    if (!running) return;
    running.cancelled = true;
    // An attention packet on the same stream; the request then ends with ECANCEL (CANCELLED) once the server acknowledges.
    this.connection.cancel();
  }

  introspect(schema?: string): Promise<SchemaInfo> {
    return introspectSqlServer((sql, params) => collect(this.connection, sql, params).catch((error: unknown) => {
      throw sqlserverQueryError(error, { lineOffset: 0, batchIndex: 0 });
    }), schema);
  }

  async inTransaction(): Promise<boolean> {
    const [row] = await collect(this.connection, 'SELECT @@TRANCOUNT', []);
    return Number(row?.[0] ?? 0) > 0;
  }

  async close(): Promise<void> {
    this.life.close();
    if ((this.connection as unknown as { closed: boolean }).closed) return;
    await new Promise<void>((resolve) => {
      this.connection.once('end', () => resolve());
      setTimeout(resolve, 2000).unref();
      this.connection.close();
    });
  }
}
