import type { Cell } from '../../../../shared/query';
import type { RawCell } from '../types';
import { decodeRow, encodeRow, maxEncodedSize, type RowEncoder } from './rowCodec';

const CHUNK_BYTES = 1024 * 1024;

/**
 * Encoded rows in 1 MiB Buffers plus an index of where each row starts: 4 bytes per row of index,
 * no JS object per row. A row never spans chunks; a row larger than a chunk gets its own.
 */
export class RowChunks {
  private readonly chunks: Buffer[] = [];
  /** First row number of each chunk, for the binary search from row to chunk. */
  private chunkFirstRow: number[] = [];
  private rowStarts = new Uint32Array(1024);
  private current: Buffer | null = null;
  private position = 0;
  private rows = 0;
  private sealedBytes = 0;

  /** `reserve` is asked before each new chunk or index growth; false means the budget is spent. */
  constructor(
    private readonly columnCount: number,
    private readonly reserve: (bytes: number) => boolean = () => true,
  ) {}

  get rowCount(): number {
    return this.rows;
  }

  /** Bytes held: chunk capacity plus the index. */
  get bytes(): number {
    return this.sealedBytes + (this.current?.length ?? 0) + this.rowStarts.byteLength;
  }

  /** Stores `row`; false (and nothing stored) when the memory it needs was refused. */
  append(row: readonly RawCell[]): boolean {
    if (!this.indexHasRoom()) return false;
    // Encode first and check after: no pass over the cells to size the row, except when it did not fit.
    let end = this.current ? encodeRow(this.current, this.position, row) : Infinity;
    if (!this.current || end > this.current.length) {
      const needed = maxEncodedSize(row);
      if (!this.reserve(Math.max(CHUNK_BYTES, needed))) return false;
      this.startChunk(needed);
      end = encodeRow(this.current!, 0, row);
    }
    this.commit(end);
    return true;
  }

  /** Stores the row `encoder` writes, in at most `maxBytes`; false when the memory was refused. */
  appendEncoded(maxBytes: number, encoder: RowEncoder): boolean {
    if (!this.indexHasRoom()) return false;
    if (!this.current || this.position + maxBytes > this.current.length) {
      if (!this.reserve(Math.max(CHUNK_BYTES, maxBytes))) return false;
      this.startChunk(maxBytes);
    }
    this.commit(encoder.encode(this.current!, this.position));
    return true;
  }

  private indexHasRoom(): boolean {
    if (this.rows < this.rowStarts.length) return true;
    if (!this.reserve(this.rowStarts.byteLength)) return false;
    this.growIndex();
    return true;
  }

  private commit(end: number): void {
    this.rowStarts[this.rows] = this.position;
    this.position = end;
    this.rows++;
  }

  /** Gives back the unused tail of the last chunk once no more rows come. */
  seal(): void {
    if (this.current && this.position < this.current.length) {
      // Only the last chunk is trimmed: earlier ones lose less than one row each.
      const exact = Buffer.allocUnsafeSlow(this.position);
      this.current.copy(exact, 0, 0, this.position);
      this.chunks[this.chunks.length - 1] = exact;
      this.current = exact;
    }
    if (this.rowStarts.length > this.rows) this.rowStarts = this.rowStarts.slice(0, Math.max(this.rows, 1));
  }

  read(offset: number, limit: number, maxCellBytes: number): Cell[][] {
    const end = Math.min(this.rows, offset + limit);
    const out: Cell[][] = [];
    let chunkIndex = this.chunkOf(offset);
    for (let row = offset; row < end; row++) {
      while (chunkIndex + 1 < this.chunks.length && (this.chunkFirstRow[chunkIndex + 1] ?? Infinity) <= row) chunkIndex++;
      const chunk = this.chunks[chunkIndex]!;
      out.push(decodeRow(chunk, this.rowStarts[row]!, this.columnCount, maxCellBytes));
    }
    return out;
  }

  private chunkOf(row: number): number {
    let low = 0;
    let high = this.chunkFirstRow.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if ((this.chunkFirstRow[mid] ?? 0) <= row) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  private startChunk(needed: number): void {
    if (this.current) this.sealedBytes += this.current.length;
    // allocUnsafeSlow: never a slice of Node's shared pool, so the bytes counted are the bytes held.
    this.current = Buffer.allocUnsafeSlow(Math.max(CHUNK_BYTES, needed));
    this.position = 0;
    this.chunks.push(this.current);
    this.chunkFirstRow.push(this.rows);
  }

  private growIndex(): void {
    const next = new Uint32Array(this.rowStarts.length * 2);
    next.set(this.rowStarts);
    this.rowStarts = next;
  }
}
