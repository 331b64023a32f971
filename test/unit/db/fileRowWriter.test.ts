import { describe, expect, it } from 'vitest';
import type { ColumnMeta } from '../../../shared/query';
import { layoutFor } from '../../../electron/core/db/export/exportLayout';
import { FileRowWriter } from '../../../electron/core/db/export/fileRowWriter';

const columns: ColumnMeta[] = [
  { name: 'id', dataType: 'int4', nullable: false },
  { name: 'label', dataType: 'text', nullable: true },
];

/** A file whose writes finish only when the test lets them. */
class SlowFile {
  bytes = 0;
  texts: string[] = [];
  private pending: (() => void)[] = [];
  failNext: Error | null = null;

  write(text: string): Promise<void> {
    if (this.failNext) return Promise.reject(this.failNext);
    return new Promise((resolve) => {
      this.pending.push(() => {
        this.texts.push(text);
        this.bytes += Buffer.byteLength(text);
        resolve();
      });
    });
  }

  /** Finishes every write queued so far, one after another as the writer issues them. */
  async drain(): Promise<void> {
    for (let i = 0; i < 1000 && this.pending.length > 0; i++) {
      this.pending.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

const wide = 'x'.repeat(4000);

describe('FileRowWriter', () => {
  it('writes the layout\'s head, the rows in batches in order, and the tail, reporting rows as they reach the file', async () => {
    const file = new SlowFile();
    const progress: number[] = [];
    const writer = new FileRowWriter(columns, layoutFor('json', columns, { headers: true }), file, (rows) => progress.push(rows));
    for (let i = 1; i <= 4500; i++) expect(writer.push([String(i), i % 2 ? null : `r${i}`])).toBe(true);
    writer.end();
    const finished = writer.finish();
    await file.drain();
    await finished;
    await file.drain();
    const parsed = JSON.parse(file.texts.join('')) as { id: number; label: string | null }[];
    expect(parsed).toHaveLength(4500);
    expect(parsed[0]).toEqual({ id: 1, label: null });
    expect(parsed[4499]).toEqual({ id: 4500, label: 'r4500' });
    expect(progress).toEqual([2000, 4000, 4500]);
    expect(writer.rows).toBe(4500);
  });

  it('asks the driver to wait while too much text waits for the disk, and lets it go on once the disk has caught up', async () => {
    const file = new SlowFile();
    const writer = new FileRowWriter(columns, layoutFor('csv', columns, { headers: false }), file);
    let rows = 0;
    while (writer.ready() === null) {
      writer.push([String(++rows), wide]);
      expect(rows).toBeLessThan(10_000);
    }
    // 16 MiB of 4 KB rows, give or take a batch.
    expect(rows).toBeGreaterThan(3_500);
    const room = writer.ready()!;
    expect(writer.ready()).toBe(room);
    let resumed = false;
    void room.then(() => (resumed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(resumed).toBe(false);
    await file.drain();
    expect(resumed).toBe(true);
    expect(writer.ready()).toBeNull();
  });

  it('stop() refuses further rows and releases a driver that waits', async () => {
    const file = new SlowFile();
    const writer = new FileRowWriter(columns, layoutFor('csv', columns, { headers: false }), file);
    let rows = 0;
    while (writer.ready() === null) writer.push([String(++rows), wide]);
    const room = writer.ready()!;
    writer.stop();
    await room;
    expect(writer.push(['1', 'late'])).toBe(false);
    expect(writer.ready()).toBeNull();
  });

  it('a write that fails stops the writer, tells its owner once, and finish() rejects with the cause', async () => {
    const file = new SlowFile();
    let told = 0;
    const writer = new FileRowWriter(columns, layoutFor('csv', columns, { headers: true }), file, () => {}, () => told++);
    await file.drain();
    file.failNext = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    for (let i = 0; i < 2000; i++) writer.push([String(i), 'a']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writer.push(['x', 'y'])).toBe(false);
    expect(told).toBe(1);
    await expect(writer.finish()).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(writer.failed).toMatchObject({ code: 'ENOSPC' });
  });

  it('an SQL layout refuses a value it could not hold whole, instead of writing a wrong INSERT', () => {
    const layout = layoutFor('sql', [{ name: 'b', dataType: 'bytea', nullable: true }], { headers: true, engine: 'postgres', table: { schema: 'public', name: 't' } });
    expect(layout.rows([[{ kind: 'binary', hex: '00ff', length: 2, truncated: false }]], true)).toBe(`INSERT INTO "public"."t" ("b") VALUES ('\\x00ff');\n`);
    expect(() => layout.rows([[{ kind: 'long', text: 'abc', length: 10 }]], true)).toThrow(/cut/);
  });
});
