/** SSH wire encoding (RFC 4251 §5): uint32, string, mpint. */
export class SshReader {
  private offset = 0;

  constructor(private readonly buffer: Buffer, private readonly what = 'key data') {}

  get remaining(): number {
    return this.buffer.length - this.offset;
  }

  uint32(): number {
    if (this.remaining < 4) throw new Error(`${this.what} is truncated`);
    const value = this.buffer.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  bytes(length: number): Buffer {
    if (length > this.remaining) throw new Error(`${this.what} is truncated`);
    const value = this.buffer.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  string(): Buffer {
    return this.bytes(this.uint32());
  }

  text(): string {
    return this.string().toString('utf8');
  }

  /** An mpint as an unsigned big-endian magnitude without leading zero bytes. */
  mpint(): Buffer {
    const raw = this.string();
    if (raw.length > 0 && (raw[0]! & 0x80) !== 0) throw new Error(`${this.what} has a negative number`);
    let start = 0;
    while (start < raw.length && raw[start] === 0) start += 1;
    return raw.subarray(start);
  }
}

export class SshWriter {
  private readonly parts: Buffer[] = [];

  uint32(value: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(value >>> 0);
    this.parts.push(b);
    return this;
  }

  raw(data: Buffer): this {
    this.parts.push(data);
    return this;
  }

  string(data: Buffer | string): this {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    return this.uint32(bytes.length).raw(bytes);
  }

  /** `magnitude` is unsigned big-endian; a 0x00 is prepended when its top bit is set. */
  mpint(magnitude: Buffer): this {
    let start = 0;
    while (start < magnitude.length && magnitude[start] === 0) start += 1;
    const trimmed = magnitude.subarray(start);
    const body = trimmed.length > 0 && (trimmed[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
    return this.string(body);
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.parts);
  }
}

export function leftPad(bytes: Buffer, length: number): Buffer {
  if (bytes.length >= length) return bytes;
  return Buffer.concat([Buffer.alloc(length - bytes.length), bytes]);
}
