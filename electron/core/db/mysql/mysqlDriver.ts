import net from 'node:net';
import mysql from 'mysql2';
import { BurrowError } from '../../../../shared/errors';
import type { DbConnectConfig, SchemaInfo } from '../../../../shared/query';
import { tlsConnectionOptions, tlsServerName } from '../tls/tlsOptions';
import { openServerSocket, streamFactoryOf, type ServerSocket } from '../transport/serverSocket';
import { MAX_RESULT_COLUMNS, type DbConnection, type Driver, type RawCell, type ResultWriter, type RunOptions, type RunSink, type StreamFactory } from '../types';
import { mysqlColumnMeta, type MysqlField } from './mysqlColumns';
import { mysqlConnectError, mysqlQueryError } from './mysqlErrors';
import { withoutDelimiterDirectives } from './mysqlDelimiters';
import { introspectMysql } from './mysqlIntrospect';
import { ConnectionLife } from '../connectionLife';


/** A MySQL server greets at once; silence this long means something else listens on the port. */
const GREETING_TIMEOUT_MS = 5000;

export const mysqlDriver: Driver = {
  engines: ['mysql', 'mariadb'],
  async connect(config, transport) {
    const open = streamFactoryOf(transport, config.connectTimeoutMs);
    const host = config.host || (transport.kind === 'tcp' ? transport.host : 'localhost');
    const tls = tlsConnectionOptions(config.tls, host) !== null;
    try {
      return await MysqlConnection.open(config, open, host, tls);
    } catch (error) {
      if (config.tls.mode === 'prefer' && error instanceof BurrowError && error.code === 'DB_TLS_FAILED' && /does not offer TLS/.test(error.message)) {
        return MysqlConnection.open(config, open, host, false);
      }
      throw error;
    }
  },
};

/** Opens a logged-in mysql2 connection over a fresh stream from `open`. */
function login(config: DbConnectConfig, open: StreamFactory, host: string, useTls: boolean): Promise<mysql.Connection> {
  const target = `${config.engine === 'mariadb' ? 'MariaDB' : 'MySQL'} at ${host}:${config.port ?? 3306}`;
  let socket: ServerSocket | null = null;
  const tlsOptions = useTls ? tlsConnectionOptions(config.tls, host) : null;
  const connection = mysql.createConnection({
    // mysql2 uses `host` only for the TLS name and session cache here: the bytes go through `stream`.
    host: tlsOptions ? tlsServerName(config.tls, host) : host,
    port: config.port ?? 3306,
    user: config.user,
    password: config.password,
    ...(config.database ? { database: config.database } : {}),
    stream: () => {
      socket = openServerSocket(open);
      // mysql2 sends no servername for an IP, so Node checks the certificate against the socket's
      // `_host` (a net.Socket sets it on connect) and would otherwise check "localhost".
      if (tlsOptions && net.isIP(tlsServerName(config.tls, host)) !== 0) Object.assign(socket, { _host: tlsServerName(config.tls, host) });
      return socket;
    },
    ssl: tlsOptions
      ? {
        ...(tlsOptions.ca ? { ca: tlsOptions.ca as string } : {}),
        ...(tlsOptions.cert ? { cert: tlsOptions.cert as string } : {}),
        ...(tlsOptions.key ? { key: tlsOptions.key as string } : {}),
        rejectUnauthorized: tlsOptions.rejectUnauthorized ?? false,
        verifyIdentity: config.tls.mode === 'verify-full',
      }
      : undefined,
    multipleStatements: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    jsonStrings: true,
    decimalNumbers: false,
    rowsAsArray: true,
    charset: 'utf8mb4_general_ci',
    connectTimeout: config.connectTimeoutMs,
  } as mysql.ConnectionOptions);
  // A refused certificate reaches mysql2's handshake as 'error' events, possibly after connect()
  // already failed with "connection lost": keep the first TLS error for the message, and never let
  // a late one go unhandled.
  let tlsError: Error | null = null;
  const onLoginError = (error: Error & { code?: string }): void => {
    if (error.code === 'HANDSHAKE_SSL_ERROR') tlsError ??= error;
  };
  connection.on('error', onLoginError);
  // mysql2 overwrites the TLS error's code (SELF_SIGNED_CERT_IN_CHAIN...) with its own; keep Node's.
  const internals = connection as unknown as { startTLS(done: (error?: Error) => void): void; stream: NodeJS.EventEmitter };
  const startTls = internals.startTLS;
  internals.startTLS = function (this: typeof internals, done) {
    startTls.call(this, done);
    this.stream.prependListener('error', (error: NodeJS.ErrnoException) => {
      tlsError ??= Object.assign(new Error(error.message), { code: error.code });
    });
  };
  return new Promise((resolve, reject) => {
    const greeting = setTimeout(() => {
      const current = socket as ServerSocket | null;
      if (current && current.firstBytes === null) {
        current.destroy();
        connection.destroy();
        reject(new BurrowError('DB_PROTOCOL_MISMATCH', `${target} sent no MySQL greeting within ${GREETING_TIMEOUT_MS / 1000} s: it does not speak the MySQL protocol (is this the port of another database?)`));
      }
    }, Math.min(GREETING_TIMEOUT_MS, config.connectTimeoutMs));
    connection.connect((error) => {
      clearTimeout(greeting);
      if (error) {
        connection.destroy();
        // The channel's close can report "connection lost" a tick before the TLS refusal itself.
        setImmediate(() => reject(mysqlConnectError(tlsError ?? error, socket, target)));
      } else {
        connection.off('error', onLoginError);
        resolve(connection);
      }
    });
  });
}

const query = (connection: mysql.Connection, sql: string, values: unknown[] = []): Promise<unknown[][]> =>
  new Promise((resolve, reject) => {
    connection.query({ sql, values, rowsAsArray: true }, (error, rows) => (error ? reject(error) : resolve(rows as unknown[][])));
  });

interface RunState {
  cancelled: boolean;
}

class MysqlConnection implements DbConnection {
  private running: RunState | null = null;
  private readonly life = new ConnectionLife();

  private constructor(
    private readonly connection: mysql.Connection,
    private readonly config: DbConnectConfig,
    private readonly open: StreamFactory,
    private readonly host: string,
    readonly engine: 'mysql' | 'mariadb',
    readonly serverVersion: string,
    readonly tls: boolean,
    readonly database: string,
  ) {
    const lost = (error: Error): void => this.life.lost(error);
    connection.on('error', lost);
    connection.on('end', () => lost(new BurrowError('DB_CONNECTION_LOST', 'the server closed the connection')));
  }

  get serverProcessId(): string | null {
    const id = this.connection.threadId;
    return typeof id === 'number' ? String(id) : null;
  }

  static async open(config: DbConnectConfig, open: StreamFactory, host: string, useTls: boolean): Promise<MysqlConnection> {
    const connection = await login(config, open, host, useTls);
    if (config.readOnly) await query(connection, 'SET SESSION TRANSACTION READ ONLY');
    const [row] = await query(connection, 'SELECT VERSION(), DATABASE()');
    const version = String(row?.[0] ?? '?');
    const engine = /mariadb/i.test(version) ? 'mariadb' : config.engine === 'mariadb' ? 'mariadb' : 'mysql';
    const label = engine === 'mariadb' ? 'MariaDB' : 'MySQL';
    return new MysqlConnection(connection, config, open, host, engine, `${label} ${version}`, useTls, String(row?.[1] ?? ''));
  }

  onLost(listener: (error: Error) => void): void {
    this.life.onLost(listener);
  }

  async run(text: string, options: RunOptions, sink: RunSink): Promise<void> {
    if (this.running) throw new BurrowError('VALIDATION', 'a query is already running on this connection');
    const sql = withoutDelimiterDirectives(text);
    if (sql.trim() === '') throw new BurrowError('VALIDATION', 'there is no SQL statement to run');
    const state: RunState = { cancelled: false };
    this.running = state;
    const progress = { answered: 0 };
    try {
      // sql_select_limit caps top-level SELECTs only, which is what the row limit means; one extra row tells us it cut.
      if (options.rowLimit !== null) await query(this.connection, 'SET SESSION sql_select_limit = ?', [options.rowLimit + 1]);
      try {
        await this.stream(sql, options, sink, progress);
      } finally {
        if (options.rowLimit !== null && !this.life.closed) await query(this.connection, 'SET SESSION sql_select_limit = DEFAULT').catch(() => {});
      }
      if (state.cancelled) throw new BurrowError('CANCELLED', 'the query was cancelled');
    } catch (error) {
      throw mysqlQueryError(error, { sql, statementIndex: progress.answered });
    } finally {
      this.running = null;
    }
  }

  /** `progress.answered` counts the statements that have answered: mysql2 emits 'fields' for each, undefined for an OK. */
  private stream(sql: string, options: RunOptions, sink: RunSink, progress: { answered: number }): Promise<void> {
    return new Promise((resolve, reject) => {
      let writer: ResultWriter | null = null;
      let stored = 0;
      let discarding = false;
      let failed: Error | null = null;
      const endCurrent = (): void => {
        writer?.end({ command: 'SELECT', rowsAffected: null });
        writer = null;
      };
      const running = this.connection.query({ sql, values: options.params ? [...options.params] : undefined, rowsAsArray: true });
      // mysql2 tells a streaming query nothing when the connection dies: it only emits on the connection.
      const onConnectionError = (error: Error): void => {
        failed ??= error;
        reject(failed);
      };
      this.connection.once('error', onConnectionError);
      running.once('end', () => this.connection.off('error', onConnectionError));
      running.on('fields', (fields?: MysqlField[]) => {
        progress.answered++;
        endCurrent();
        if (!fields || failed) return;
        if (fields.length > MAX_RESULT_COLUMNS) {
          failed = new BurrowError('RESULT_TOO_WIDE', `the result has ${fields.length} columns; Burrow shows at most ${MAX_RESULT_COLUMNS}. Select fewer columns.`, { columns: fields.length });
          return;
        }
        writer = sink.beginRows(mysqlColumnMeta(fields));
        stored = 0;
        discarding = false;
      });
      running.on('result', (row: unknown) => {
        if (failed) return;
        if (!Array.isArray(row)) {
          const header = row as { affectedRows?: number; info?: string };
          sink.command({ command: null, rowsAffected: header.affectedRows ?? null });
          return;
        }
        if (!writer || discarding) return;
        if (options.rowLimit !== null && stored >= options.rowLimit) {
          writer.markLimited();
          discarding = true;
          return;
        }
        // Past the byte budget the rest still arrives on the wire; it is read and dropped.
        if (!writer.push(row as RawCell[])) discarding = true;
        else stored++;
        const room = writer.ready?.();
        if (room) {
          // mysql2 keeps the packets that arrive meanwhile and hands them on after resume().
          this.connection.pause();
          void room.then(() => this.connection.resume());
        }
      });
      // A fatal error (connection gone) never reaches 'end'; a statement error does, but nothing after it matters.
      running.on('error', (error: Error) => {
        failed ??= error;
        writer = null;
        reject(failed);
      });
      running.on('end', () => {
        if (failed) {
          writer = null;
          reject(failed);
        } else {
          endCurrent();
          resolve();
        }
      });
    });
  }

  async cancel(): Promise<void> {
    const running = this.running;
    if (!running) return;
    running.cancelled = true;
    // KILL QUERY needs a second session; it opens over a fresh stream (a new tunnel channel).
    const killer = await login({ ...this.config, database: '' }, this.open, this.host, this.tls);
    try {
      await query(killer, `KILL QUERY ${Number(this.connection.threadId)}`);
    } finally {
      killer.destroy();
    }
  }

  introspect(schema?: string): Promise<SchemaInfo> {
    return introspectMysql((sql, params) => query(this.connection, sql, params), schema);
  }

  async inTransaction(): Promise<boolean> {
    // MariaDB keeps @@in_transaction; MySQL has none, but lists a transaction that began work in INNODB_TRX.
    const [row] = await query(this.connection, 'SELECT @@in_transaction').catch(() =>
      query(this.connection, 'SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_mysql_thread_id = CONNECTION_ID()'));
    return Number(row?.[0] ?? 0) > 0;
  }

  async close(): Promise<void> {
    this.life.close();
    await new Promise<void>((resolve) => {
      this.connection.end(() => resolve());
      setTimeout(resolve, 2000).unref();
    });
    this.connection.destroy();
  }
}
