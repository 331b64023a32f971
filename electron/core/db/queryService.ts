import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { BurrowError, type BurrowErrorShape } from '../../../shared/errors';
import {
  browseRequestSchema,
  countRequestSchema,
  dbCloseRequestSchema,
  dbConnectConfigSchema,
  introspectRequestSchema,
  queryCancelRequestSchema,
  queryExportRequestSchema,
  queryReleaseRequestSchema,
  queryRowsRequestSchema,
  queryRunRequestSchema,
  queryStatusRequestSchema,
  tableEditRequestSchema,
  tableExportRequestSchema,
  importCancelRequestSchema,
  importPreviewRequestSchema,
  tableImportRequestSchema,
  type ImportPreview,
  type ImportProgress,
  exportCancelRequestSchema,
  queryExportAllRequestSchema,
  type BrowsePage,
  type ConnectionInfo,
  type ExportFormat,
  type QueryExportResult,
  type RowsWindow,
  type RunState,
  type RunStatus,
  type SchemaInfo,
  type TableEditResult,
  type ExportProgress,
} from '../../../shared/query';
import { toErrorShape } from '../errors';
import { parseRequest } from '../store/parseRequest';
import { buildBrowseQuery, buildCountQuery, buildExportQuery } from './browse/browseQuery';
import { applyTableEdits } from './edit/applyTableEdits';
import { driverFor } from './drivers';
import { ResultStore, type StoredResult } from './store/resultStore';
import { changesSchema } from './sql/changesSchema';
import { exportResultFile } from './export/resultExport';
import { fileStamp } from './export/fileStamp';
import { streamQueryToFile, type ExportControl, type QueryExport } from './export/queryExport';
import { whyNotRerunnable } from '../../../shared/sql/rerunnableQuery';
import { importCsvFile, previewCsvImport, type ImportControl } from './import/csvImport';
import type { DbConnection, DbTransport, RunSink } from './types';
import type { ServerProcess } from '../../../shared/serverProcesses';
import { runCommand } from './edit/runCommand';
import { canEndQueryOnly, killSql, processListSql, processesFrom } from './processes/processQueries';

interface LiveConnection {
  id: string;
  connection: DbConnection;
  defaultRowLimit: number | null;
  /** Runs on one connection go one after another. */
  queue: Promise<void>;
  lost: BurrowError | null;
}

interface Run {
  id: string;
  connectionId: string;
  state: RunState;
  results: StoredResult[];
  error: BurrowErrorShape | null;
  startedAt: number;
  finishedAt: number | null;
  cancelRequested: boolean;
  changesSchema: boolean;
}

export interface QueryServiceOptions {
  /** Bytes all stored results may hold together (default 1 GiB). */
  budgetBytes?: number;
}

/**
 * The database layer's service: connections (given a transport by the session layer), runs whose
 * results stream into the result store, row windows, cancel, introspection and table browsing.
 * Every operation validates its payload and returns JSON-able data. Emits 'run' (RunStatus) on
 * progress: a new result, the first rows, every 50k rows, the end.
 */
export class QueryService extends EventEmitter<{ run: [RunStatus] }> {
  readonly store: ResultStore;
  private readonly connections = new Map<string, LiveConnection>();
  private readonly runs = new Map<string, Run>();
  private readonly waiters = new Map<string, Set<() => void>>();
  /** Running exports and imports by their caller's id. */
  private readonly transfers = new Map<string, { control: { cancelled: boolean; writer?: ExportControl['writer'] }; live: LiveConnection }>();
  /** Cancels that came before their export or import started (during a dialog or the login); the oldest are dropped. */
  private readonly earlyCancels = new Set<string>();

  constructor(options: QueryServiceOptions = {}) {
    super();
    this.store = new ResultStore({ budgetBytes: options.budgetBytes ?? 1024 ** 3 });
  }

  /** Logs in over `transport`; the session layer passes `{ kind: 'stream', open: () => tunnel.openStream(host, port) }`. */
  async connect(payload: unknown, transport: DbTransport): Promise<ConnectionInfo> {
    const config = parseRequest(dbConnectConfigSchema, payload, 'db.connect');
    const connection = await driverFor(config.engine).connect(config, transport);
    const live: LiveConnection = { id: randomUUID(), connection, defaultRowLimit: config.defaultRowLimit, queue: Promise.resolve(), lost: null };
    connection.onLost((error) => {
      live.lost = error instanceof BurrowError ? error : new BurrowError('DB_CONNECTION_LOST', `the connection was lost: ${error.message}`);
    });
    this.connections.set(live.id, live);
    return { connectionId: live.id, engine: connection.engine, serverVersion: connection.serverVersion, database: connection.database, tls: connection.tls };
  }

  async close(payload: unknown): Promise<{ closed: boolean }> {
    const { connectionId } = parseRequest(dbCloseRequestSchema, payload, 'db.close');
    const live = this.connections.get(connectionId);
    if (!live) return { closed: false };
    this.connections.delete(connectionId);
    for (const run of this.runs.values()) if (run.connectionId === connectionId && !isFinished(run.state)) await this.cancel({ runId: run.id }).catch(() => {});
    await live.connection.close();
    return { closed: true };
  }

  async closeAll(): Promise<void> {
    for (const id of [...this.connections.keys()]) await this.close({ connectionId: id });
  }

  /** Starts a run and answers at once; rows arrive in the store while `status` and `rows` read them. */
  run(payload: unknown): RunStatus {
    const request = parseRequest(queryRunRequestSchema, payload, 'query.run');
    const live = this.live(request.connectionId);
    const run: Run = { id: randomUUID(), connectionId: live.id, state: 'queued', results: [], error: null, startedAt: performance.now(), finishedAt: null, cancelRequested: false, changesSchema: changesSchema(request.sql, live.connection.engine) };
    this.runs.set(run.id, run);
    const rowLimit = request.rowLimit === undefined ? live.defaultRowLimit : request.rowLimit;
    live.queue = live.queue.then(() => this.execute(live, run, request.sql, rowLimit));
    return this.snapshot(run);
  }

  private async execute(live: LiveConnection, run: Run, sql: string, rowLimit: number | null): Promise<void> {
    if (run.cancelRequested) return;
    run.state = 'running';
    this.changed(run);
    try {
      if (live.lost) throw live.lost;
      await live.connection.run(sql, { rowLimit }, this.sinkFor(run));
      run.state = run.cancelRequested ? 'cancelled' : 'done';
      if (run.cancelRequested) run.error = new BurrowError('CANCELLED', 'the query was cancelled').toShape();
    } catch (error) {
      const shape = toErrorShape(error);
      run.state = shape.code === 'CANCELLED' || run.cancelRequested ? 'cancelled' : 'failed';
      run.error = run.state === 'cancelled' && shape.code !== 'CANCELLED' ? { code: 'CANCELLED', message: `the query was cancelled (${shape.message})` } : shape;
    }
    for (const result of run.results) result.finish();
    run.finishedAt = performance.now();
    this.changed(run);
  }

  private sinkFor(run: Run): RunSink {
    const changed = (): void => this.changed(run);
    return {
      beginRows: (columns) => {
        const result = this.store.create(run.results.length, 'rows', columns, changed);
        run.results.push(result);
        changed();
        return result;
      },
      command: (outcome) => {
        const result = this.store.create(run.results.length, 'command', [], changed);
        run.results.push(result);
        result.end(outcome);
      },
    };
  }

  /** The run's state; with `waitMs`, waits until something changes (or the run ends) first. */
  async status(payload: unknown): Promise<RunStatus> {
    const request = parseRequest(queryStatusRequestSchema, payload, 'query.status');
    const run = this.runOf(request.runId);
    if (request.waitMs > 0 && !isFinished(run.state)) {
      await new Promise<void>((resolve) => {
        const waiters = this.waiters.get(run.id) ?? new Set();
        const done = (): void => {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, request.waitMs);
        waiters.add(done);
        this.waiters.set(run.id, waiters);
      });
    }
    return this.snapshot(run);
  }

  /** Resolves when the run has finished, whatever its outcome. */
  async wait(runId: string, timeoutMs = 600_000): Promise<RunStatus> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const status = await this.status({ runId, waitMs: Math.max(1, Math.min(30_000, Math.round(deadline - performance.now()))) });
      if (isFinished(status.state) || performance.now() >= deadline) return status;
    }
  }

  rows(payload: unknown): RowsWindow {
    const request = parseRequest(queryRowsRequestSchema, payload, 'query.rows');
    return this.store.rows(request.resultId, request.offset, request.limit, request.maxCellBytes);
  }

  /**
   * Writes a stored result to a file: `pickPath` asks the user where (a save dialog in the app), and
   * null means they cancelled. Rows stored by then are exported; the result stays readable.
   */
  async exportResult(payload: unknown, pickPath: (suggestedName: string, format: ExportFormat) => Promise<string | null>): Promise<QueryExportResult> {
    const request = parseRequest(queryExportRequestSchema, payload, 'query.export');
    const result = this.store.get(request.resultId);
    if (result.kind !== 'rows') throw new BurrowError('VALIDATION', 'this result is a command result: it has no rows to export', { field: 'resultId' });
    const file = await pickPath(`result-${fileStamp()}.${request.format}`, request.format);
    if (!file) return { path: null, rows: 0, bytes: 0 };
    return exportResultFile({ columns: result.columns, rowCount: result.rowCount, read: (offset, limit, maxCellBytes) => result.read(offset, limit, maxCellBytes) }, file, { format: request.format, headers: request.headers });
  }

  /**
   * Streams a table (a browser's filters and sort applied) into `file` on `connectionId`, which
   * should be a connection of its own (the session layer opens one): it is busy until the export
   * ends. Progress is reported at most every 200 ms; `cancelExport` with the same `exportId` stops
   * it and leaves no file.
   */
  async exportTable(payload: unknown, file: string, onProgress: (progress: ExportProgress) => void): Promise<QueryExportResult> {
    const request = parseRequest(tableExportRequestSchema, payload, 'schema.export');
    const live = this.live(request.connectionId);
    const query = buildExportQuery(live.connection.engine, request);
    return this.streamExport(live, request.exportId, { ...query, format: request.format, headers: request.headers, table: request.table }, file, onProgress);
  }

  /** Like exportTable, for a query the user ran: one statement that only reads (see whyNotRerunnable). */
  async exportQuery(payload: unknown, file: string, onProgress: (progress: ExportProgress) => void): Promise<QueryExportResult> {
    const request = parseRequest(queryExportAllRequestSchema, payload, 'query.exportAll');
    const live = this.live(request.connectionId);
    const refused = whyNotRerunnable(request.sql, live.connection.engine);
    if (refused) throw new BurrowError('VALIDATION', refused, { field: 'sql' });
    return this.streamExport(live, request.exportId, { sql: request.sql, params: [], format: request.format, headers: request.headers, table: null }, file, onProgress);
  }

  private streamExport(live: LiveConnection, exportId: string, query: QueryExport, file: string, onProgress: (progress: ExportProgress) => void): Promise<QueryExportResult> {
    const control: ExportControl = { cancelled: false, writer: null };
    return this.transfer(exportId, live, control, 'export', (progress) => streamQueryToFile(live.connection, query, file, control, progress), (rows, bytes) =>
      onProgress({ exportId, rows, bytes }));
  }

  /**
   * Runs an export or import under `id` (so a cancel finds it, even one that came first), on its
   * connection's queue, with progress at most every 200 ms.
   */
  private async transfer<T>(
    id: string,
    live: LiveConnection,
    control: { cancelled: boolean },
    what: 'export' | 'import',
    work: (progress: (rows: number, bytes: number) => void) => Promise<T>,
    onProgress: (rows: number, bytes: number) => void,
  ): Promise<T> {
    if (this.transfers.has(id)) throw new BurrowError('VALIDATION', `${what} ${id} is already running`, { field: `${what}Id` });
    control.cancelled = this.earlyCancels.delete(id);
    this.transfers.set(id, { control, live });
    let reportedAt = 0;
    const progress = (rows: number, bytes: number): void => {
      const now = performance.now();
      if (now - reportedAt < 200) return;
      reportedAt = now;
      onProgress(rows, bytes);
    };
    try {
      if (control.cancelled) throw new BurrowError('CANCELLED', `the ${what} was cancelled; nothing was ${what === 'export' ? 'written' : 'imported'}`);
      return await this.serialized(live, () => work(progress));
    } finally {
      this.transfers.delete(id);
    }
  }

  /** Stops an export or import (the query is cancelled, an import rolled back); one not started yet is stopped when it starts. */
  private async cancelTransfer(id: string): Promise<{ cancelled: boolean }> {
    const running = this.transfers.get(id);
    if (!running) {
      this.earlyCancels.add(id);
      if (this.earlyCancels.size > 100) this.earlyCancels.delete(this.earlyCancels.values().next().value!);
      return { cancelled: false };
    }
    const { control, live } = running;
    if (control.cancelled) return { cancelled: true };
    control.cancelled = true;
    control.writer?.stop();
    await live.connection.cancel().catch(() => {});
    return { cancelled: true };
  }

  /** A CSV file's first rows and how its columns meet the table's (see previewCsvImport), after any queued run. */
  async previewImport(payload: unknown): Promise<ImportPreview> {
    const request = parseRequest(importPreviewRequestSchema, payload, 'schema.previewImport');
    const live = this.live(request.connectionId);
    return this.serialized(live, () => previewCsvImport(live.connection, request.table, request.path, request.options));
  }

  /**
   * Loads a CSV file into a table in one transaction on `connectionId`, which should be a
   * connection of its own (it is busy until the import ends). Progress at most every 200 ms;
   * `cancelImport` rolls it back.
   */
  async importTable(payload: unknown, onProgress: (progress: ImportProgress) => void): Promise<{ rows: number }> {
    const request = parseRequest(tableImportRequestSchema, payload, 'schema.import');
    const live = this.live(request.connectionId);
    const control: ImportControl = { cancelled: false };
    return this.transfer(request.importId, live, control, 'import', (progress) => importCsvFile(live.connection, request.table, { path: request.path, options: request.options, ...(request.columns ? { columns: request.columns } : {}) }, control, progress), (rows, bytes) =>
      onProgress({ importId: request.importId, rows, bytes }));
  }

  /** Stops an import (rolling it back); one that has not started yet is stopped when it does. */
  async cancelImport(payload: unknown): Promise<{ cancelled: boolean }> {
    return this.cancelTransfer(parseRequest(importCancelRequestSchema, payload, 'schema.cancelImport').importId);
  }

  /** Stops an export; one that has not started yet is stopped when it does. */
  async cancelExport(payload: unknown): Promise<{ cancelled: boolean }> {
    return this.cancelTransfer(parseRequest(exportCancelRequestSchema, payload, 'query.cancelExport').exportId);
  }

  /** Cancels a queued or running run; resolves once the engine has been told (the run then ends CANCELLED). */
  async cancel(payload: unknown): Promise<RunStatus> {
    const { runId } = parseRequest(queryCancelRequestSchema, payload, 'query.cancel');
    const run = this.runOf(runId);
    if (isFinished(run.state)) return this.snapshot(run);
    run.cancelRequested = true;
    if (run.state === 'queued') {
      run.state = 'cancelled';
      run.error = new BurrowError('CANCELLED', 'the query was cancelled before it started').toShape();
      run.finishedAt = performance.now();
      this.changed(run);
      return this.snapshot(run);
    }
    const live = this.connections.get(run.connectionId);
    await live?.connection.cancel();
    return this.snapshot(run);
  }

  /** Forgets a run and frees its stored rows. */
  release(payload: unknown): { released: number } {
    const { runId } = parseRequest(queryReleaseRequestSchema, payload, 'query.release');
    const run = this.runs.get(runId);
    if (!run) return { released: 0 };
    for (const result of run.results) this.store.release(result.id);
    this.runs.delete(runId);
    return { released: run.results.length };
  }

  async introspect(payload: unknown): Promise<SchemaInfo> {
    const request = parseRequest(introspectRequestSchema, payload, 'db.introspect');
    const live = this.live(request.connectionId);
    return this.serialized(live, () => live.connection.introspect(request.schema));
  }

  /** One page of a table (300 rows by default), sorted and filtered with bind parameters. */
  async browse(payload: unknown): Promise<BrowsePage> {
    const request = parseRequest(browseRequestSchema, payload, 'db.browse');
    const live = this.live(request.connectionId);
    const query = buildBrowseQuery(live.connection.engine, { ...request, limit: request.limit + 1 });
    return this.readOneResult(live, query, 'the table query', (result) => ({
      columns: result.columns,
      rows: result.read(0, request.limit, request.maxCellBytes).rows,
      offset: request.offset,
      hasMore: result.rowCount > request.limit,
    }));
  }

  /** The exact row count behind a table browser's filters, after any queued run. */
  async count(payload: unknown): Promise<{ rows: number }> {
    const request = parseRequest(countRequestSchema, payload, 'db.count');
    const live = this.live(request.connectionId);
    return this.readOneResult(live, buildCountQuery(live.connection.engine, request), 'the count query', (result) => {
      const cell = result.read(0, 1, 64).rows[0]?.[0];
      const rows = Number(typeof cell === 'string' ? cell : NaN);
      if (!Number.isSafeInteger(rows) || rows < 0) throw new BurrowError('QUERY_FAILED', `the count query answered ${JSON.stringify(cell)}, not a row count`);
      return { rows };
    });
  }

  /**
   * Runs Burrow's own one-statement query (after any queued run), reads its result set with `read`,
   * and frees the stored rows again: the table browser's page and count.
   */
  private async readOneResult<T>(live: LiveConnection, query: { sql: string; params: string[] }, what: string, read: (result: StoredResult) => T): Promise<T> {
    const results: StoredResult[] = [];
    const sink: RunSink = {
      beginRows: (columns) => {
        const result = this.store.create(results.length, 'rows', columns, () => {});
        results.push(result);
        return result;
      },
      command: () => {},
    };
    try {
      await this.serialized(live, () => live.connection.run(query.sql, { rowLimit: null, params: query.params }, sink));
      const result = results[0];
      if (!result) throw new BurrowError('QUERY_FAILED', `${what} returned no result set`);
      result.finish();
      return read(result);
    } finally {
      for (const result of results) this.store.release(result.id);
    }
  }

  /** Whether `connectionId` is open and not lost. */
  isOpen(connectionId: string): boolean {
    const live = this.connections.get(connectionId);
    return live !== undefined && !live.lost;
  }

  /** The server's id of a connection (see DbConnection.serverProcessId), or null. */
  serverProcessId(connectionId: string): string | null {
    return this.live(connectionId).connection.serverProcessId ?? null;
  }

  /** The server's other client sessions, seen from `connectionId` (not listed itself); `ownId` marks the session's own. */
  async processes(connectionId: string, ownId: string | null): Promise<{ processes: ServerProcess[]; canEndQueryOnly: boolean }> {
    const live = this.live(connectionId);
    const { engine } = live.connection;
    return this.readOneResult(live, { sql: processListSql(engine), params: [] }, 'the process list', (result) => ({
      processes: processesFrom(result.read(0, 10_000, 8_192).rows, ownId),
      canEndQueryOnly: canEndQueryOnly(engine),
    }));
  }

  /** Ends a server process's statement or session from `connectionId`; whether the server ended something. */
  async killProcess(connectionId: string, processId: string, scope: 'query' | 'connection'): Promise<{ ended: boolean }> {
    const live = this.live(connectionId);
    const kill = killSql(live.connection.engine, processId, scope);
    if (!kill.answers) {
      await this.serialized(live, () => runCommand(live.connection, kill.sql));
      return { ended: true };
    }
    return this.readOneResult(live, { sql: kill.sql, params: kill.params }, 'the kill', (result) => {
      const answer = result.read(0, 1, 64).rows[0]?.[0];
      return { ended: answer === 'true' };
    });
  }

  /** Saves a table browser's changes in one transaction (see applyTableEdits), after any queued run. */
  async edit(payload: unknown): Promise<TableEditResult> {
    const request = parseRequest(tableEditRequestSchema, payload, 'schema.edit');
    const live = this.live(request.connectionId);
    return this.serialized(live, () => applyTableEdits(live.connection, request.table, request.edits));
  }

  private serialized<T>(live: LiveConnection, work: () => Promise<T>): Promise<T> {
    const next = live.queue.then(() => {
      if (live.lost) throw live.lost;
      return work();
    });
    live.queue = next.then(() => {}, () => {});
    return next;
  }

  private live(connectionId: string): LiveConnection {
    const live = this.connections.get(connectionId);
    if (!live) throw new BurrowError('NOT_FOUND', `no open database connection ${connectionId}`);
    return live;
  }

  private runOf(runId: string): Run {
    const run = this.runs.get(runId);
    if (!run) throw new BurrowError('NOT_FOUND', `no run ${runId} (it was released, or never existed)`);
    return run;
  }

  private changed(run: Run): void {
    const waiters = this.waiters.get(run.id);
    if (waiters) for (const wake of [...waiters]) wake();
    if (this.listenerCount('run') > 0) this.emit('run', this.snapshot(run));
  }

  private snapshot(run: Run): RunStatus {
    return {
      runId: run.id,
      connectionId: run.connectionId,
      state: run.state,
      results: run.results.map((result) => result.summary()),
      error: run.error,
      elapsedMs: Math.round(((run.finishedAt ?? performance.now()) - run.startedAt) * 10) / 10,
      changesSchema: run.changesSchema,
    };
  }
}

const isFinished = (state: RunState): boolean => state === 'done' || state === 'failed' || state === 'cancelled';
