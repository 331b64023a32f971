import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { msSince } from '../stats';
import { openCursor } from './pgCursor';

/** A connected client; a connection error after connect is logged rather than crashing the run. */
export async function connectPg(config: pg.ClientConfig): Promise<pg.Client> {
  const client = new pg.Client(config);
  client.on('error', (error) => console.error(`pg client error: ${error.message}`));
  await client.connect();
  return client;
}

export async function withPg<T>(config: pg.ClientConfig, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connectPg(config);
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Per-query latency (ms) of `count` sequential `SELECT 1` on one connection. */
export async function select1Latencies(client: pg.Client, count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await client.query('SELECT 1');
    latencies.push(msSince(start));
  }
  return latencies;
}

export const CURSOR_SQL = 'SELECT id, a, b FROM bench';

/** Bytes of one DataRow message for a row of text values (type, length, column count, values). */
const dataRowBytes = (row: readonly unknown[]): number =>
  7 + row.reduce<number>((sum, value) => sum + 4 + Buffer.byteLength(String(value)), 0);

/**
 * ms per round trip of a pg-cursor reading `batchSize` rows at a time. The first read (which also
 * carries Parse/Bind/Describe) is left out. Also returns the wire size of a batch.
 */
export async function cursorFetchLatencies(
  client: pg.Client,
  batchSize: number,
  batches: number,
): Promise<{ latencies: number[]; batchBytes: number }> {
  const cursor = openCursor<unknown[]>(client, CURSOR_SQL);
  try {
    await cursor.read(batchSize);
    const latencies: number[] = [];
    let batchBytes = 0;
    for (let i = 0; i < batches; i++) {
      const start = performance.now();
      const rows = await cursor.read(batchSize);
      latencies.push(msSince(start));
      if (rows.length < batchSize) throw new Error(`the bench table ran out of rows after ${i + 1} cursor batches`);
      if (i === 0) batchBytes = rows.reduce<number>((sum, row) => sum + dataRowBytes(row), 0);
    }
    return { latencies, batchBytes };
  } finally {
    await cursor.close();
  }
}

/** Streams every row of `text` through the driver without holding them; resolves with the row count. */
export function streamRows(client: pg.Client, text: string, values: unknown[] = []): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    const arrays: pg.QueryArrayConfig = { text, values, rowMode: 'array' };
    const query = new pg.Query(arrays);
    query.on('row', () => {
      rows += 1;
    });
    query.on('end', () => resolve(rows));
    query.on('error', reject);
    client.query(query);
  });
}

const BULK_SQL = 'SELECT id, a, b, c FROM bench WHERE id > $1 AND id <= $2';

/** rows/s of one client reading ids 1..rows. */
export async function bulkReadRate(config: pg.ClientConfig, rows: number): Promise<number> {
  return withPg(config, async (client) => {
    const start = performance.now();
    const read = await streamRows(client, BULK_SQL, [0, rows]);
    if (read !== rows) throw new Error(`bulk read got ${read} rows, expected ${rows}`);
    return read / (msSince(start) / 1000);
  });
}

/**
 * Aggregate rows/s of `parallel` clients reading disjoint id ranges (ids 1..rows in all) at the
 * same time. The clients connect first; only the reads are timed.
 */
export async function concurrentReadRate(config: pg.ClientConfig, parallel: number, rows: number): Promise<number> {
  const clients: pg.Client[] = [];
  try {
    for (let i = 0; i < parallel; i++) clients.push(await connectPg(config));
    const slice = Math.ceil(rows / parallel);
    const start = performance.now();
    const counts = await Promise.all(
      clients.map((client, i) => streamRows(client, BULK_SQL, [i * slice, Math.min(rows, (i + 1) * slice)])),
    );
    const elapsed = msSince(start);
    const read = counts.reduce((sum, count) => sum + count, 0);
    if (read !== rows) throw new Error(`concurrent reads got ${read} rows, expected ${rows}`);
    return read / (elapsed / 1000);
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}
