import { describe, expect, it } from 'vitest';
import { ResultStore } from '../../../electron/core/db/store/resultStore';
import { decodeRow, encodeRow, maxEncodedSize } from '../../../electron/core/db/store/rowCodec';
import type { RawCell } from '../../../electron/core/db/types';

const roundTrip = (row: RawCell[], maxCellBytes = 1 << 20) => {
  const buffer = Buffer.alloc(maxEncodedSize(row));
  const end = encodeRow(buffer, 0, row);
  expect(end).toBeLessThanOrEqual(buffer.length);
  return decodeRow(buffer, 0, row.length, maxCellBytes);
};

describe('row codec', () => {
  it('keeps NULL, empty text, booleans, exact numbers, binary and unicode apart', () => {
    expect(roundTrip([null, '', 'x', true, false, 12n, 1.5, Buffer.from([0, 255]), 'héllo 😀 שלום', undefined])).toEqual([
      null, '', 'x', true, false, '12', '1.5', { kind: 'binary', hex: '00ff', length: 2, truncated: false }, 'héllo 😀 שלום', null,
    ]);
  });

  it('encodes long text with a multi-byte length and cuts it on a character boundary when asked', () => {
    const long = 'é'.repeat(100_000);
    expect(roundTrip([long])).toEqual([long]);
    const [cut] = roundTrip([long], 101);
    expect(cut).toEqual({ kind: 'long', text: 'é'.repeat(50), length: 200_000 });
    const [bin] = roundTrip([Buffer.alloc(1000, 0xab)], 64);
    expect(bin).toEqual({ kind: 'binary', hex: 'ab'.repeat(32), length: 1000, truncated: true });
  });

  it('writes short text in place exactly at the 42-character boundary', () => {
    for (const text of ['a'.repeat(42), '😀'.repeat(21), 'a'.repeat(43), 'é'.repeat(64)]) expect(roundTrip([text, 'z'])).toEqual([text, 'z']);
  });
});

describe('result store', () => {
  it('serves windows at any offset while rows still arrive, across chunk borders', () => {
    const store = new ResultStore({ budgetBytes: 1 << 30 });
    let changes = 0;
    const result = store.create(0, 'rows', [{ name: 'a', dataType: 'int', nullable: false }, { name: 'b', dataType: 'text', nullable: true }], () => changes++);
    for (let i = 0; i < 200_000; i++) result.push([String(i), i % 5 === 0 ? null : `row ${i} ${'x'.repeat(i % 50)}`]);
    expect(store.rows(result.id, 0, 2).rows).toEqual([['0', null], ['1', 'row 1 x']]);
    expect(result.summary().complete).toBe(false);
    result.end({ command: 'SELECT', rowsAffected: null });
    const window = store.rows(result.id, 150_000, 1000);
    expect(window.rows).toHaveLength(1000);
    expect(window.rows[0]).toEqual(['150000', null]);
    expect(window.rows[1]).toEqual(['150001', `row 150001 ${'x'.repeat(150_001 % 50)}`]);
    expect(store.rows(result.id, 199_999, 10).rows).toEqual([['199999', `row 199999 ${'x'.repeat(199_999 % 50)}`]]);
    expect(changes).toBeGreaterThanOrEqual(3);
    store.release(result.id);
    expect(store.usedBytes).toBe(0);
    expect(() => store.rows(result.id, 0, 1)).toThrow(/no stored result/);
  });

  it('stops taking rows at the byte budget and says so', () => {
    const store = new ResultStore({ budgetBytes: 3 * 1024 * 1024 });
    const result = store.create(0, 'rows', [{ name: 'a', dataType: 'text', nullable: true }], () => {});
    let accepted = 0;
    while (result.push(['y'.repeat(1000)])) accepted++;
    expect(result.summary()).toMatchObject({ budgetExceeded: true, rowCount: accepted });
    expect(store.usedBytes).toBeLessThanOrEqual(3 * 1024 * 1024);
    // A chunk is 1 MiB and the store keeps one chunk of headroom, so a 3 MiB budget holds one full chunk.
    expect(accepted).toBeGreaterThan(1000);
  });

  it('holds 1M rows of 3 short columns in far less than their wire size as JS objects', () => {
    const store = new ResultStore({ budgetBytes: 1 << 30 });
    const result = store.create(0, 'rows', [], () => {});
    for (let i = 0; i < 1_000_000; i++) result.push([String(i), 'abcdefghij', String(i * 2)]);
    result.finish();
    // tag + length + text per cell plus a 4-byte index per row: about 35 bytes a row.
    expect(result.bytes / 1_000_000).toBeLessThan(40);
    const started = performance.now();
    for (let k = 0; k < 50; k++) store.rows(result.id, Math.floor(Math.random() * 999_000), 1000);
    expect((performance.now() - started) / 50).toBeLessThan(20);
  });
});

describe('result store: rows that overflow a chunk', () => {
  it('moves a row that does not fit into a fresh chunk, and keeps rows larger than a chunk whole', () => {
    const store = new ResultStore({ budgetBytes: 1 << 30 });
    const result = store.create(0, 'rows', [{ name: 'a', dataType: 'text', nullable: true }, { name: 'b', dataType: 'bytea', nullable: true }], () => {});
    const rows: [string | null, Buffer | null][] = [];
    // Sizes chosen to straddle the 1 MiB chunk border repeatedly, plus two rows bigger than a chunk.
    for (let i = 0; i < 60; i++) {
      const text = i % 7 === 0 ? null : `${i}:${'é😀x'.repeat(3000 + i * 97)}`;
      const bytes = i === 20 || i === 41 ? Buffer.alloc(1_300_000, i) : i % 3 === 0 ? null : Buffer.alloc(40_000 + i, i);
      rows.push([text, bytes]);
      expect(result.push([text, bytes])).toBe(true);
    }
    result.end({ command: 'SELECT', rowsAffected: null });
    const window = store.rows(result.id, 0, 60, 4 << 20).rows;
    expect(window).toHaveLength(60);
    window.forEach((row, i) => {
      const [text, bytes] = rows[i]!;
      expect(row[0]).toBe(text);
      if (bytes === null) expect(row[1]).toBeNull();
      else expect(row[1]).toEqual({ kind: 'binary', hex: bytes.toString('hex'), length: bytes.length, truncated: false });
    });
  });
});
