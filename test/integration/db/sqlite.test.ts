import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryService } from '../../../electron/core/db/queryService';
import { sqliteDriver } from '../../../electron/core/db/sqlite/sqliteDriver';
import { waitingWriter } from '../../support/waitingWriter';
import { dbConnectConfigSchema } from '../../../shared/query';
import { makeTempDir, type TempDir } from '../../env';
import { connectError, expectCancelled, runOk, runToEnd } from './dbRig';

let dir: TempDir;
let file: string;
const service = new QueryService();
let connectionId: string;

beforeAll(async () => {
  dir = makeTempDir('sqlite');
  file = dir.join('shop.db');
  const db = new Database(file);
  db.exec(`
    CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT UNIQUE, created TEXT DEFAULT CURRENT_TIMESTAMP);
    CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id), total NUMERIC, note TEXT);
    CREATE INDEX orders_customer ON orders (customer_id);
    CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100;
    WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 700) INSERT INTO customers (name, email) SELECT 'customer ' || i, 'c' || i || '@example.com' FROM s;
    WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 2000) INSERT INTO orders (customer_id, total, note) SELECT 1 + i % 700, i * 1.5, CASE WHEN i % 3 = 0 THEN NULL ELSE 'note ' || i END FROM s;
  `);
  db.close();
  connectionId = (await service.connect({ engine: 'sqlite', database: file }, { kind: 'file' })).connectionId;
});

afterAll(async () => {
  await service.closeAll();
  dir?.remove();
});

describe('SQLite files', () => {
  it('reports the library version and runs several statements, including a trigger body', async () => {
    const { status, rows } = await runOk(service, connectionId, `
      CREATE TEMP TABLE t (id INTEGER, label TEXT);
      CREATE TEMP TRIGGER t_ins AFTER INSERT ON t BEGIN UPDATE t SET label = label || '!' WHERE id = new.id; END;
      INSERT INTO t VALUES (1, 'a'), (2, ';b;');
      SELECT id, label FROM t ORDER BY id;`);
    expect(status.results.map((r) => [r.kind, r.rowsAffected])).toEqual([['command', 0], ['command', 0], ['command', 2], ['rows', null]]);
    expect(rows[3]).toEqual([['1', 'a!'], ['2', ';b;!']]);
  });

  it('says which table column each result column reads, and nothing for expressions', async () => {
    const { status } = await runOk(service, connectionId, `
      SELECT o.id, o.total AS amount, c.name, o.total * 2 AS doubled, datetime('now') AS at
        FROM orders o JOIN customers c ON c.id = o.customer_id ORDER BY o.id LIMIT 2`);
    expect(status.results[0]?.columns.map((c) => [c.name, c.origin ?? null])).toEqual([
      ['id', { schema: 'main', table: 'orders', column: 'id' }],
      ['amount', { schema: 'main', table: 'orders', column: 'total' }],
      ['name', { schema: 'main', table: 'customers', column: 'name' }],
      ['doubled', null],
      ['at', null],
    ]);
  });

  it('keeps types exact: NULL vs empty, 64-bit integers, reals, blobs, unicode', async () => {
    const { rows } = await runOk(service, connectionId, "SELECT NULL, '', 9223372036854775807, 0.1, X'00FF10', 'héllo 😀 שלום', json_object('a', json_array(1, 2.5))");
    expect(rows[0]?.[0]).toEqual([null, '', '9223372036854775807', '0.1', { kind: 'binary', hex: '00ff10', length: 3, truncated: false }, 'héllo 😀 שלום', '{"a":[1,2.5]}']);
  });

  it('applies the row limit, reports errors with the statement, refuses wide results', async () => {
    const limited = await runOk(service, connectionId, 'SELECT id FROM orders ORDER BY id', 1000);
    expect(limited.status.results[0]).toMatchObject({ rowCount: 1000, limited: true });
    const failed = await runToEnd(service, connectionId, 'SELECT 1;\nSELECT nope FROM orders');
    expect(failed.status.error).toMatchObject({ code: 'QUERY_FAILED', detail: { sqliteCode: 'SQLITE_ERROR', statementIndex: 1, position: 11 } });
    expect(failed.status.error?.message).toMatch(/no such column: nope/);
    const wide = await runToEnd(service, connectionId, `SELECT ${Array.from({ length: 1001 }, (_v, i) => `${i} AS c${i}`).join(', ')}`);
    expect(wide.status.error?.code).toBe('RESULT_TOO_WIDE');
    expect((await runOk(service, connectionId, 'SELECT 5')).rows[0]).toEqual([['5']]);
  });

  it('cancels a long query by terminating its worker, and the connection stays usable', async () => {
    const took = await expectCancelled(service, connectionId, 'WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s) SELECT count(*) FROM s WHERE i % 7 = 0 AND i < 0 OR i = -1');
    expect(took).toBeLessThan(2000);
    expect((await runOk(service, connectionId, 'SELECT count(*) FROM customers')).rows[0]).toEqual([['700']]);
  });

  it('introspects tables, views, columns, indexes and foreign keys', async () => {
    const info = await service.introspect({ connectionId });
    expect(info.tables.map((t) => [t.name, t.kind])).toEqual([['big_orders', 'view'], ['customers', 'table'], ['orders', 'table']]);
    const orders = info.tables.find((t) => t.name === 'orders')!;
    expect(orders.columns.map((c) => [c.name, c.dataType, c.nullable, c.primaryKey])).toEqual([
      ['id', 'INTEGER', false, true], ['customer_id', 'INTEGER', false, false], ['total', 'NUMERIC', true, false], ['note', 'TEXT', true, false],
    ]);
    expect(orders.indexes).toEqual([{ name: 'orders_customer', columns: ['customer_id'], unique: false, primary: false }]);
    expect(orders.foreignKeys).toMatchObject([{ columns: ['customer_id'], referencedTable: 'customers', referencedColumns: ['id'] }]);
  });

  it('browses with sorting and parameterised filters', async () => {
    const page = await service.browse({ connectionId, table: { schema: null, name: 'orders' }, filters: [{ column: 'note', op: 'is null' }, { column: 'customer_id', op: 'in', value: ['4', '7'] }], sort: [{ column: 'id', direction: 'asc' }] });
    expect(page.rows.map((r) => r[0])).toEqual(['3', '6']);
    expect(await service.count({ connectionId, table: { schema: null, name: 'orders' }, filters: [{ column: 'note', op: 'is null' }, { column: 'customer_id', op: 'in', value: ['4', '7'] }] })).toEqual({ rows: 2 });
    expect(await service.count({ connectionId, table: { schema: 'main', name: 'customers' } })).toEqual({ rows: 700 });
    const first = await service.browse({ connectionId, table: { schema: 'main', name: 'customers' } });
    expect(first.rows).toHaveLength(300);
    expect(first.hasMore).toBe(true);
  });

  it('pages a 1M-row result', async () => {
    const started = service.run({ connectionId, sql: 'WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 1000000) SELECT i, hex(i), i * 2 FROM s', rowLimit: null });
    const status = await service.wait(started.runId);
    expect(status.results[0]?.rowCount).toBe(1_000_000);
    const window = service.rows({ resultId: status.results[0]!.resultId, offset: 765_432, limit: 1000 });
    expect(window.rows[0]?.[0]).toBe('765433');
    service.release({ runId: started.runId });
  });

  it('a writer that asks the worker to wait gets every row in order, and none while it waits', async () => {
    const connection = await sqliteDriver.connect(dbConnectConfigSchema.parse({ engine: 'sqlite', database: file, readOnly: true }), { kind: 'file' });
    try {
      const { sink, seen, stats } = waitingWriter(6000, 20);
      await connection.run('WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 30000) SELECT i FROM s', { rowLimit: null }, sink);
      expect(stats.waits).toBe(5);
      expect(stats.pushedWhileWaiting).toBe(0);
      expect(seen).toHaveLength(30000);
      expect(seen.every((id, index) => id === String(index + 1))).toBe(true);
    } finally {
      await connection.close();
    }
  });

  it('a result over the store budget stops the read: an endless query ends, and the next runs', async () => {
    const small = new QueryService({ budgetBytes: 3 * 1024 * 1024 });
    try {
      const { connectionId: id } = await small.connect({ engine: 'sqlite', database: file }, { kind: 'file' });
      const endless = await runToEnd(small, id, "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s) SELECT i, printf('%0100d', i) FROM s; SELECT 'second'", null);
      expect(endless.status).toMatchObject({ state: 'done', error: null });
      const first = endless.status.results[0]!;
      expect(first.rowCount).toBeGreaterThan(1000);
      expect(first.rowCount).toBeLessThan(100_000);
      expect(first).toMatchObject({ budgetExceeded: true, limited: false });
      // The next statement of the run still ran (the store had no room left for its row).
      expect(endless.status.results).toHaveLength(2);
      expect((await runOk(small, id, "SELECT 'after'")).rows[0]).toEqual([['after']]);
    } finally {
      await small.closeAll();
    }
  });

  it('opens read-only, and refuses writes there', async () => {
    const info = await service.connect({ engine: 'sqlite', database: file, readOnly: true }, { kind: 'file' });
    const { status } = await runToEnd(service, info.connectionId, "INSERT INTO customers (name) VALUES ('x')");
    expect(status.error).toMatchObject({ code: 'QUERY_FAILED', detail: { sqliteCode: 'SQLITE_READONLY' } });
  });

  it('a missing file is DB_NOT_FOUND, a non-database file DB_PROTOCOL_MISMATCH', async () => {
    expect((await connectError(service, { engine: 'sqlite', database: dir.join('missing.db') }, { kind: 'file' })).code).toBe('DB_NOT_FOUND');
    writeFileSync(dir.join('text.db'), 'this is not a database, just some text long enough to have a header'.repeat(20));
    const error = await connectError(service, { engine: 'sqlite', database: dir.join('text.db') }, { kind: 'file' });
    expect(error.code).toBe('DB_PROTOCOL_MISMATCH');
    expect(error.message).toMatch(/not a SQLite database/);
  });
});
