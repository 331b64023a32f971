import { randomUUID } from 'node:crypto';
import { BurrowError } from '../../../../shared/errors';
import type { ColumnMeta, ResultSummary, RowsWindow } from '../../../../shared/query';
import type { RawCell, ResultWriter } from '../types';
import type { RowEncoder } from './rowCodec';
import { RowChunks } from './rowChunks';

export interface ResultStoreOptions {
  /** Bytes all stored results may hold together; a result that would pass it stops taking rows. */
  budgetBytes: number;
}

const NOTIFY_EVERY_ROWS = 50_000;
/** The first page of a grid: worth telling the renderer about as soon as it is there. */
const FIRST_PAGE_ROWS = 1000;

/** One statement's stored outcome. Rows are readable while they still arrive. */
export class StoredResult implements ResultWriter {
  readonly id = randomUUID();
  private readonly chunks: RowChunks;
  private countedBytes = 0;
  complete = false;
  limited = false;
  budgetExceeded = false;
  command: string | null = null;
  rowsAffected: number | null = null;

  constructor(
    private readonly store: ResultStore,
    readonly index: number,
    readonly kind: 'rows' | 'command',
    readonly columns: ColumnMeta[],
    private readonly changed: () => void,
  ) {
    // Bytes are brought up to date just before each allocation, so the budget check sees them all.
    this.chunks = new RowChunks(columns.length, (bytes) => {
      this.account();
      return this.store.fits(bytes);
    });
  }

  get rowCount(): number {
    return this.chunks.rowCount;
  }

  get bytes(): number {
    return this.chunks.bytes;
  }

  push(row: readonly RawCell[]): boolean {
    if (this.complete || this.budgetExceeded) return false;
    return this.stored(this.chunks.append(row));
  }

  pushEncoded(maxBytes: number, encoder: RowEncoder): boolean {
    if (this.complete || this.budgetExceeded) return false;
    return this.stored(this.chunks.appendEncoded(maxBytes, encoder));
  }

  private stored(accepted: boolean): boolean {
    if (!accepted) {
      this.budgetExceeded = true;
      this.changed();
      return false;
    }
    const count = this.chunks.rowCount;
    if (count === 1 || count === FIRST_PAGE_ROWS || count % NOTIFY_EVERY_ROWS === 0) {
      this.account();
      this.changed();
    }
    return true;
  }

  markLimited(): void {
    this.limited = true;
  }

  end(outcome: { command: string | null; rowsAffected: number | null }): void {
    if (this.complete) return;
    this.command = outcome.command;
    this.rowsAffected = outcome.rowsAffected;
    this.finish();
  }

  /** Ends a result that the run abandoned (error, cancel): what arrived stays readable. */
  finish(): void {
    if (this.complete) return;
    this.complete = true;
    this.chunks.seal();
    this.account();
    this.changed();
  }

  read(offset: number, limit: number, maxCellBytes: number): RowsWindow {
    return {
      resultId: this.id,
      offset,
      rows: this.chunks.read(offset, limit, maxCellBytes),
      rowCount: this.chunks.rowCount,
      complete: this.complete,
    };
  }

  summary(): ResultSummary {
    return {
      resultId: this.id,
      index: this.index,
      kind: this.kind,
      columns: this.columns,
      rowCount: this.chunks.rowCount,
      complete: this.complete,
      limited: this.limited,
      budgetExceeded: this.budgetExceeded,
      command: this.command,
      rowsAffected: this.rowsAffected,
      storedBytes: this.chunks.bytes,
    };
  }

  private account(): void {
    const bytes = this.chunks.bytes;
    if (bytes !== this.countedBytes) {
      this.store.adjust(bytes - this.countedBytes);
      this.countedBytes = bytes;
    }
  }

  /** Called by the store on release. */
  forget(): number {
    const bytes = this.countedBytes;
    this.countedBytes = 0;
    return bytes;
  }
}

/**
 * Every stored result of the main process, under one byte budget. Results are kept until
 * released (the renderer releases a run when its tab or editor result goes away).
 */
export class ResultStore {
  private readonly results = new Map<string, StoredResult>();
  private used = 0;

  constructor(private readonly options: ResultStoreOptions) {}

  get usedBytes(): number {
    return this.used;
  }

  get budgetBytes(): number {
    return this.options.budgetBytes;
  }

  create(index: number, kind: 'rows' | 'command', columns: ColumnMeta[], changed: () => void): StoredResult {
    const result = new StoredResult(this, index, kind, columns, changed);
    this.results.set(result.id, result);
    return result;
  }

  get(resultId: string): StoredResult {
    const result = this.results.get(resultId);
    if (!result) throw new BurrowError('NOT_FOUND', `no stored result ${resultId} (it was released, or never existed)`);
    return result;
  }

  rows(resultId: string, offset: number, limit: number, maxCellBytes = 256 * 1024): RowsWindow {
    return this.get(resultId).read(offset, limit, maxCellBytes);
  }

  release(resultId: string): void {
    const result = this.results.get(resultId);
    if (!result) return;
    this.results.delete(resultId);
    result.finish();
    this.used -= result.forget();
  }

  /** @internal Asked before a result allocates `moreBytes`; results account their bytes lazily, so keep 1 MiB of headroom. */
  fits(moreBytes: number): boolean {
    return this.used + moreBytes + 1024 * 1024 <= this.options.budgetBytes;
  }

  /** @internal */
  adjust(deltaBytes: number): void {
    this.used += deltaBytes;
  }
}
