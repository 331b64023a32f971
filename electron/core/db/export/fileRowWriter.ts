import type { ColumnMeta } from '../../../../shared/query';
import { RowChunks } from '../store/rowChunks';
import type { RowEncoder } from '../store/rowCodec';
import type { RawCell, ResultWriter } from '../types';
import type { ExportLayout } from './exportLayout';
import type { PartialFile } from './partialFile';

/** Rows held before they are formatted and written: a batch, or fewer rows when they are wide. */
const BATCH_ROWS = 2_000;
const BATCH_BYTES = 4 * 1024 * 1024;
/** Formatted text waiting for the disk above which the driver is asked to pause. */
const HIGH_WATER_BYTES = 16 * 1024 * 1024;
const WHOLE_CELLS = Number.MAX_SAFE_INTEGER;

/**
 * A result writer that puts rows in a file instead of the result store. Rows are encoded as the
 * store encodes them (the driver's fast paths apply) and decoded a batch at a time, so a file holds
 * the same text the grid shows. Writes are queued in order; past HIGH_WATER_BYTES `ready` asks the
 * driver to wait until the disk has caught up.
 */
export class FileRowWriter implements ResultWriter {
  private batch: RowChunks;
  private first = true;
  private queued: Promise<void>;
  private queuedBytes = 0;
  private drained: { promise: Promise<void>; resolve: () => void } | null = null;
  private failure: unknown = null;
  private stopped = false;
  rows = 0;

  constructor(
    private readonly columns: readonly ColumnMeta[],
    private readonly layout: ExportLayout,
    private readonly out: Pick<PartialFile, 'write' | 'bytes'>,
    private readonly onWritten: (rows: number, bytes: number) => void = () => {},
    private readonly onFailed: () => void = () => {},
  ) {
    this.batch = new RowChunks(columns.length);
    this.queued = out.write(layout.head).catch((error: unknown) => this.fail(error));
  }

  /** Why the file could not be written (a full disk, a format that cannot hold a value), if it could not. */
  get failed(): unknown {
    return this.failure;
  }

  push(row: readonly RawCell[]): boolean {
    if (!this.accepting()) return false;
    this.batch.append(row);
    return this.added();
  }

  pushEncoded(maxBytes: number, encoder: RowEncoder): boolean {
    if (!this.accepting()) return false;
    this.batch.appendEncoded(maxBytes, encoder);
    return this.added();
  }

  ready(): Promise<void> | null {
    if (this.queuedBytes < HIGH_WATER_BYTES || !this.accepting()) return null;
    if (!this.drained) {
      let resolve!: () => void;
      const promise = new Promise<void>((done) => (resolve = done));
      this.drained = { promise, resolve };
    }
    return this.drained.promise;
  }

  markLimited(): void {}

  end(): void {
    this.flush();
  }

  /** Takes no more rows (a cancel); a driver waiting in `ready` goes on and finds the run cancelled. */
  stop(): void {
    this.stopped = true;
    this.wake();
  }

  /** Writes what is left and the layout's tail; rejects with the first write's failure. */
  async finish(): Promise<void> {
    this.flush();
    await this.queued;
    if (this.failure) throw this.failure;
    await this.out.write(this.layout.tail(this.rows > 0));
  }

  private accepting(): boolean {
    return !this.stopped && this.failure === null;
  }

  private added(): boolean {
    this.rows++;
    if (this.batch.rowCount >= BATCH_ROWS || this.batch.bytes >= BATCH_BYTES) this.flush();
    return this.accepting();
  }

  private flush(): void {
    const count = this.batch.rowCount;
    if (count === 0 || this.failure) return;
    const rows = this.batch.read(0, count, WHOLE_CELLS);
    this.batch = new RowChunks(this.columns.length);
    let text: string;
    try {
      text = this.layout.rows(rows, this.first);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.first = false;
    const rowsSoFar = this.rows;
    this.queuedBytes += text.length;
    this.queued = this.queued.then(async () => {
      if (this.failure) return;
      try {
        await this.out.write(text);
        this.onWritten(rowsSoFar, this.out.bytes);
      } catch (error) {
        this.fail(error);
      } finally {
        this.queuedBytes -= text.length;
        if (this.queuedBytes < HIGH_WATER_BYTES / 2) this.wake();
      }
    });
  }

  private fail(error: unknown): void {
    if (this.failure === null) {
      this.failure = error;
      this.onFailed();
    }
    this.wake();
  }

  private wake(): void {
    const waiting = this.drained;
    this.drained = null;
    waiting?.resolve();
  }
}
