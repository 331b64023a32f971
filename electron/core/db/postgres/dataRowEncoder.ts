import { TAG_BINARY, TAG_FALSE, TAG_NULL, TAG_TEXT, TAG_TRUE, writeVarint, type RowEncoder } from '../store/rowCodec';
import { FIELD_BOOL, FIELD_TEXT, unescapeBytea } from './postgresTypes';

/**
 * Encodes a PostgreSQL DataRow body (int16 field count, then per field an int32 length, -1 for
 * NULL, and the text bytes) straight into the store's encoding. Text is copied byte for byte, as
 * pg's startup message sets client_encoding to UTF8, so no JS string is made per cell. One encoder
 * serves a whole result: `row` points it at the next DataRow, valid until the parser moves on.
 */
export class DataRowEncoder implements RowEncoder {
  private source: Buffer = Buffer.alloc(0);
  private start = 0;

  constructor(private readonly kinds: Uint8Array) {}

  /** Points at the DataRow at `source[start, end)`; returns the most bytes `encode` can write for it. */
  row(source: Buffer, start: number, end: number): number {
    this.source = source;
    this.start = start;
    // A field's 4-byte length becomes a tag and a varint of at most 5 bytes; no payload grows.
    return end - start + 2 * this.kinds.length;
  }

  encode(target: Buffer, position: number): number {
    const { source, kinds } = this;
    let at = this.start + 2;
    for (let column = 0; column < kinds.length; column++) {
      const length = source.readInt32BE(at);
      at += 4;
      if (length < 0) {
        target[position++] = TAG_NULL;
        continue;
      }
      const kind = kinds[column];
      if (kind === FIELD_TEXT) {
        target[position++] = TAG_TEXT;
        position = writeVarint(target, position, length);
        position = copyBytes(source, at, length, target, position);
      } else if (kind === FIELD_BOOL) {
        target[position++] = source[at] === 0x74 /* 't' */ ? TAG_TRUE : TAG_FALSE;
      } else {
        position = writeBytea(source, at, length, target, position);
      }
      at += length;
    }
    return position;
  }
}

/** Short copies as a loop: for a few dozen bytes that beats a call into Buffer#copy. */
function copyBytes(source: Buffer, from: number, length: number, target: Buffer, position: number): number {
  if (length > 48) return position + source.copy(target, position, from, from + length);
  for (let i = 0; i < length; i++) target[position + i] = source[from + i]!;
  return position + length;
}

/** bytea text: `\x` and hex digits (the default output), or the escape format of old servers. */
function writeBytea(source: Buffer, at: number, length: number, target: Buffer, position: number): number {
  target[position++] = TAG_BINARY;
  if (length >= 2 && source[at] === 0x5c && source[at + 1] === 0x78) {
    const bytes = (length - 2) >>> 1;
    position = writeVarint(target, position, bytes);
    return position + target.write(source.toString('latin1', at + 2, at + 2 + bytes * 2), position, 'hex');
  }
  const decoded = unescapeBytea(source.toString('latin1', at, at + length));
  position = writeVarint(target, position, decoded.length);
  return position + target.write(decoded, position, 'latin1');
}
