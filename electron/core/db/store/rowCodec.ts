import type { Cell } from '../../../../shared/query';
import type { RawCell } from '../types';

/**
 * The compact row encoding of the result store. A row is its cells back to back; a cell is a tag
 * byte, then for text and binary a varint byte length and the bytes. There is no per-row header:
 * the store keeps each row's start offset in its index.
 */
export const TAG_NULL = 0;
export const TAG_TEXT = 1;
export const TAG_BINARY = 2;
export const TAG_TRUE = 3;
export const TAG_FALSE = 4;

/** The most bytes a cell can take besides its payload: tag and a 5-byte varint. */
export const CELL_OVERHEAD = 6;

/** An upper bound of the encoded size of a row (exact for binary, utf8's worst case for text). */
export function maxEncodedSize(row: readonly RawCell[]): number {
  let size = 0;
  for (const value of row) {
    if (typeof value === 'string') size += CELL_OVERHEAD + value.length * 3;
    else if (value instanceof Uint8Array) size += CELL_OVERHEAD + value.length;
    else if (typeof value === 'bigint' || typeof value === 'number') size += CELL_OVERHEAD + 40;
    else size += 1;
  }
  return size;
}

export function writeVarint(buffer: Buffer, position: number, value: number): number {
  let rest = value;
  while (rest >= 0x80) {
    buffer[position++] = (rest & 0x7f) | 0x80;
    rest >>>= 7;
  }
  buffer[position++] = rest;
  return position;
}

function writeText(buffer: Buffer, position: number, text: string): number {
  buffer[position++] = TAG_TEXT;
  const length = text.length;
  // Short text (at most 42 UTF-16 units is at most 126 bytes) goes in place behind a 1-byte length.
  if (length <= 42) {
    // Most cells are short ASCII (numbers, dates, ids, hashes): a plain byte loop beats a call into
    // the UTF-8 encoder. Bytes past the end of `buffer` are dropped, and the returned end shows it.
    let at = position + 1;
    let index = 0;
    for (; index < length; index++) {
      const code = text.charCodeAt(index);
      if (code >= 0x80) break;
      buffer[at++] = code;
    }
    if (index === length) {
      buffer[position] = length;
      return at;
    }
    if (position + 1 + length * 3 > buffer.length) return OVERFLOW;
    const written = buffer.write(text, position + 1, 'utf8');
    buffer[position] = written;
    return position + 1 + written;
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  position = writeVarint(buffer, position, bytes);
  if (position + bytes > buffer.length) return OVERFLOW;
  return position + buffer.write(text, position, 'utf8');
}

/** Writes one row in the encoding above at `position` and returns its end (for drivers that encode from their own wire form). */
export interface RowEncoder {
  encode(target: Buffer, position: number): number;
}

/** What `encodeRow` returns for a row that does not fit: past any buffer's end. */
const OVERFLOW = Number.MAX_SAFE_INTEGER;

/**
 * Encodes `row` at `position` and returns its end. A row that does not fit between `position` and
 * the end of `buffer` returns a value greater than `buffer.length`; bytes past `position` are then
 * garbage and the caller retries elsewhere with room for `maxEncodedSize(row)`.
 */
export function encodeRow(buffer: Buffer, position: number, row: readonly RawCell[]): number {
  for (let column = 0; column < row.length; column++) {
    const value = row[column];
    if (position > buffer.length) return position;
    if (value === null || value === undefined) {
      buffer[position++] = TAG_NULL;
    } else if (typeof value === 'string') {
      position = writeText(buffer, position, value);
    } else if (typeof value === 'boolean') {
      buffer[position++] = value ? TAG_TRUE : TAG_FALSE;
    } else if (value instanceof Uint8Array) {
      buffer[position++] = TAG_BINARY;
      position = writeVarint(buffer, position, value.length);
      if (position + value.length > buffer.length) return OVERFLOW;
      buffer.set(value, position);
      position += value.length;
    } else {
      position = writeText(buffer, position, String(value));
    }
  }
  return position;
}

/** Decodes `columnCount` cells starting at `position`; long text and binary are cut at `maxCellBytes`. */
export function decodeRow(buffer: Buffer, position: number, columnCount: number, maxCellBytes: number): Cell[] {
  const cells: Cell[] = new Array<Cell>(columnCount);
  for (let column = 0; column < columnCount; column++) {
    const tag = buffer[position++];
    if (tag === TAG_NULL) {
      cells[column] = null;
      continue;
    }
    if (tag === TAG_TRUE || tag === TAG_FALSE) {
      cells[column] = tag === TAG_TRUE;
      continue;
    }
    let length = 0;
    let shift = 0;
    for (;;) {
      const byte = buffer[position++] ?? 0;
      length += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) break;
      shift += 7;
    }
    const end = position + length;
    if (tag === TAG_TEXT) {
      cells[column] = length <= maxCellBytes
        ? buffer.toString('utf8', position, end)
        : { kind: 'long', text: cutUtf8(buffer, position, maxCellBytes), length };
    } else {
      const shown = Math.min(length, maxCellBytes >>> 1);
      cells[column] = { kind: 'binary', hex: buffer.toString('hex', position, position + shown), length, truncated: shown < length };
    }
    position = end;
  }
  return cells;
}

/** The first `maxBytes` of UTF-8 text, never splitting a character. */
function cutUtf8(buffer: Buffer, start: number, maxBytes: number): string {
  let end = start + maxBytes;
  while (end > start && ((buffer[end] ?? 0) & 0xc0) === 0x80) end--;
  return buffer.toString('utf8', start, end);
}
