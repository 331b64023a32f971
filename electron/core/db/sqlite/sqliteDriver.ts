import { BurrowError } from '../../../../shared/errors';
import type { DbConnectConfig, SchemaInfo } from '../../../../shared/query';
import { splitStatements } from '../../../../shared/sql/splitStatements';
import { MAX_RESULT_COLUMNS, type DbConnection, type Driver, type RawCell, type ResultWriter, type RunOptions, type RunSink } from '../types';
import { sqliteOpenError, sqliteQueryError } from './sqliteErrors';
import { introspectSqlite } from './sqliteIntrospect';
import { SqliteWorker } from './sqliteWorker';

export const sqliteDriver: Driver = {
  engines: ['sqlite'],
  async connect(config, transport) {
    if (transport.kind !== 'file') throw new BurrowError('VALIDATION', 'sqlite opens a local file: no tunnel or TCP transport');
    if (config.database.trim() === '') throw new BurrowError('VALIDATION', 'database: the SQLite file path is required');
    const worker = await openWorker(config);
    return new SqliteConnection(config, worker.worker, worker.version);
  },
};

async function openWorker(config: DbConnectConfig): Promise<{ worker: SqliteWorker; version: string }> {
  const worker = new SqliteWorker();
  try {
    return { worker, version: await worker.open(config.database, config.readOnly) };
  } catch (error) {
    await worker.terminate();
    throw sqliteOpenError(error, config.database);
  }
}

class SqliteConnection implements DbConnection {
  readonly engine = 'sqlite' as const;
  readonly tls = false;
  private running: { cancelled: boolean } | null = null;
  private reopening: Promise<void> | null = null;

  constructor(
    private readonly config: DbConnectConfig,
    private worker: SqliteWorker,
    private readonly version: string,
  ) {}

  get serverVersion(): string {
    return `SQLite ${this.version}`;
  }

  get database(): string {
    return this.config.database;
  }

  onLost(): void {
    // A local file does not drop; a cancelled worker is replaced by `cancel` itself.
  }

  async run(sql: string, options: RunOptions, sink: RunSink): Promise<void> {
    if (this.running) throw new BurrowError('VALIDATION', 'a query is already running on this connection');
    if (this.reopening) await this.reopening;
    const statements = splitStatements(sql, 'sqlite');
    if (statements.length === 0) throw new BurrowError('VALIDATION', 'there is no SQL statement to run (only whitespace or comments)');
    if (options.params && statements.length !== 1) throw new BurrowError('VALIDATION', 'parameters need exactly one statement');
    const state = { cancelled: false };
    this.running = state;
    let writer: ResultWriter | null = null;
    let overBudget = false;
    const worker = this.worker;
    try {
      await worker.exchange({ type: 'run', statements: statements.map((s) => ({ text: s.text })), rowLimit: options.rowLimit, params: options.params ? [...options.params] : null }, (reply) => {
        if (reply.type === 'columns') {
          const columns = reply.columns as { name: string; type: string | null; database: string | null; table: string | null; column: string | null }[];
          if (columns.length > MAX_RESULT_COLUMNS) {
            throw new BurrowError('RESULT_TOO_WIDE', `the result has ${columns.length} columns; Burrow shows at most ${MAX_RESULT_COLUMNS}. Select fewer columns.`, { columns: columns.length });
          }
          overBudget = false;
          writer = sink.beginRows(columns.map((c) => ({
            name: c.name,
            dataType: c.type ?? '',
            nullable: null,
            ...(c.database && c.table && c.column ? { origin: { schema: c.database, table: c.table, column: c.column } } : {}),
          })));
        } else if (reply.type === 'rows') {
          const batch = reply.batch;
          if (writer && !overBudget) {
            for (const row of reply.rows as RawCell[][]) {
              if (!writer.push(row)) {
                overBudget = true;
                break;
              }
            }
          }
          // The worker reads on only when answered: after the writer has room, or never when the
          // store is full (the statement ends there instead of reading the rest of the table).
          const answer = (type: 'more' | 'stop'): void => worker.send({ type, batch });
          const wait = writer && !overBudget ? writer.ready?.() ?? null : undefined;
          if (wait === undefined) answer('stop');
          else if (wait === null) answer('more');
          else void wait.then(() => answer('more'), () => answer('stop'));
        } else if (reply.type === 'end' && writer) {
          if (reply.limited) writer.markLimited();
          writer.end({ command: 'SELECT', rowsAffected: null });
          writer = null;
        } else if (reply.type === 'command') {
          sink.command({ command: null, rowsAffected: Number(reply.rowsAffected) });
        } else if (reply.type === 'done') {
          return true;
        }
        return undefined;
      });
    } catch (error) {
      if (state.cancelled) throw new BurrowError('CANCELLED', 'the query was cancelled');
      if (error instanceof BurrowError && error.code === 'RESULT_TOO_WIDE') {
        // The worker holds the wide result's first batch, waiting for an answer: replace it.
        await this.replaceWorker();
      }
      throw sqliteQueryError(error, statements.map((s) => s.start));
    } finally {
      this.running = null;
    }
  }

  /**
   * better-sqlite3 has no sqlite3_interrupt: the worker process is killed (its transaction rolls
   * back from the journal when the file is next opened) and a new worker reopens the file. Temp tables and an open
   * transaction of this connection are lost, as with a reconnect.
   */
  async cancel(): Promise<void> {
    const running = this.running;
    if (!running) return;
    running.cancelled = true;
    await this.replaceWorker();
  }

  private async replaceWorker(): Promise<void> {
    const old = this.worker;
    this.reopening = (async () => {
      await old.terminate();
      this.worker = (await openWorker(this.config)).worker;
    })().finally(() => {
      this.reopening = null;
    });
    await this.reopening;
  }

  async introspect(schema?: string): Promise<SchemaInfo> {
    if (this.reopening) await this.reopening;
    return introspectSqlite((sql, params) => this.worker.exchange({ type: 'query', sql, params }, (reply) => (reply.type === 'queryResult' ? (reply.rows as unknown[][]) : undefined)), this.config.database, schema);
  }

  async inTransaction(): Promise<boolean> {
    if (this.reopening) await this.reopening;
    return this.worker.exchange({ type: 'inTransaction' }, (reply) => (reply.type === 'queryResult' ? (reply.rows as unknown[][])[0]?.[0] === true : undefined));
  }

  async close(): Promise<void> {
    if (this.reopening) await this.reopening.catch(() => {});
    await this.worker.exchange({ type: 'close' }, (reply) => (reply.type === 'closed' ? true : undefined)).catch(() => {});
    await this.worker.terminate();
  }
}
