import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnectConfigInput } from '../../../shared/query';
import { QueryService } from '../../../electron/core/db/queryService';
import { formattedBuiltinTypes } from '../../../electron/core/db/postgres/postgresColumns';
import { listeningSocketsOf, makeCa, makeTempDir, startMariadb, startPostgres, type MariadbServer, type PostgresServer } from '../../env';
import { connectError, expectCancelled, runOk, runToEnd, startSshRig, transportFor, type SshRig, type Via } from './dbRig';

let postgres: PostgresServer;
let mariadb: MariadbServer;
let ssh: SshRig;
let wrongCaPem: string;

beforeAll(async () => {
  [postgres, mariadb, ssh] = await Promise.all([startPostgres({ tls: true }), startMariadb(), startSshRig()]);
  const dir = makeTempDir('wrong-ca');
  wrongCaPem = (await makeCa(dir.path, 'Not The Server CA')).certPem;
  dir.remove();
  const admin = new pg.Client({ host: postgres.host, port: postgres.port, user: postgres.user, password: postgres.password, database: postgres.database });
  await admin.connect();
  await admin.query(`
    CREATE SCHEMA shop;
    CREATE TABLE shop.customers (id serial PRIMARY KEY, name text NOT NULL, email text UNIQUE, created timestamptz DEFAULT now());
    CREATE TABLE shop.orders (id bigserial PRIMARY KEY, customer_id int NOT NULL REFERENCES shop.customers(id), total numeric(12,2), note text);
    CREATE INDEX orders_customer ON shop.orders (customer_id);
    CREATE VIEW shop.big_orders AS SELECT * FROM shop.orders WHERE total > 100;
    INSERT INTO shop.customers (name, email) SELECT 'customer ' || i, 'c' || i || '@example.com' FROM generate_series(1, 700) AS i;
    INSERT INTO shop.orders (customer_id, total, note) SELECT 1 + i % 700, i * 1.5, CASE WHEN i % 3 = 0 THEN NULL ELSE 'note ' || i END FROM generate_series(1, 2000) AS i;
    ANALYZE;
  `);
  await admin.query("CREATE DATABASE latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
  await admin.end();
  // Text stored by a UTF-8 client: the server keeps it in LATIN1 and converts for each client.
  const latin1 = new pg.Client({ host: postgres.host, port: postgres.port, user: postgres.user, password: postgres.password, database: 'latin1' });
  await latin1.connect();
  await latin1.query("SET client_encoding TO 'UTF8'");
  await latin1.query("CREATE TABLE words (w text); INSERT INTO words VALUES ('café über Ærø')");
  // A legacy database that also defaults its clients to LATIN1.
  await latin1.query("ALTER DATABASE latin1 SET client_encoding TO 'LATIN1'");
  await latin1.end();
});

afterAll(async () => {
  await Promise.all([postgres?.stop(), mariadb?.stop(), ssh?.stop()]);
});

const configOf = (overrides: Partial<DbConnectConfigInput> = {}): DbConnectConfigInput => ({
  engine: 'postgres',
  host: postgres.host,
  port: postgres.port,
  user: postgres.user,
  password: postgres.password,
  database: postgres.database,
  tls: { mode: 'disable' },
  ...overrides,
});

describe.each<Via>(['direct', 'tunnel'])('PostgreSQL %s', (via) => {
  const service = new QueryService();
  let connectionId: string;
  const transport = () => transportFor(via, postgres.host, postgres.port, () => ssh.tunnel);

  beforeAll(async () => {
    const info = await service.connect(configOf(), transport());
    connectionId = info.connectionId;
    expect(info.serverVersion).toMatch(/^PostgreSQL \d+/);
    expect(info.tls).toBe(false);
  });
  afterAll(() => service.closeAll());

  it('runs several statements, each with its own result set or command tag', async () => {
    const { status, rows } = await runOk(service, connectionId, `
      CREATE TEMP TABLE t (id int, label text);
      INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, ';not a split; ');
      SELECT id, label FROM t ORDER BY id;
      UPDATE t SET label = 'z' WHERE id > 1;
      SELECT $$semi;colon$$ AS quoted; -- trailing comment; still one statement
    `);
    expect(status.results.map((r) => [r.kind, r.command, r.rowsAffected])).toEqual([
      ['command', 'CREATE', null], ['command', 'INSERT', 3], ['rows', 'SELECT', 3], ['command', 'UPDATE', 2], ['rows', 'SELECT', 1],
    ]);
    expect(rows[2]).toEqual([['1', 'a'], ['2', 'b'], ['3', ';not a split; ']]);
    expect(rows[4]).toEqual([['semi;colon']]);
    const temp = expect.stringMatching(/^pg_temp_\d+$/);
    expect(status.results[2]?.columns).toEqual([
      { name: 'id', dataType: 'integer', nullable: true, origin: { schema: temp, table: 't', column: 'id' } },
      { name: 'label', dataType: 'text', nullable: true, origin: { schema: temp, table: 't', column: 'label' } },
    ]);
  });

  it('names the types of an expressions-only result without a catalog lookup, as the catalog would name them', async () => {
    const oids = Object.keys(formattedBuiltinTypes).map(Number);
    const { rows } = await runOk(service, connectionId, `SELECT t.oid::int, format_type(t.oid, NULL) FROM unnest('{${oids.join(',')}}'::oid[]) AS t(oid) ORDER BY 1`);
    expect(Object.fromEntries((rows[0] ?? []).map(([oid, name]) => [Number(oid), name]))).toEqual(formattedBuiltinTypes);
    const { status } = await runOk(service, connectionId, "SELECT 1 AS n, now() AS at, 'x'::text AS t, 1.5::numeric AS d, '1'::numeric(4,1) AS m");
    expect(status.results[0]?.columns.map((c) => c.dataType)).toEqual(['integer', 'timestamp with time zone', 'text', 'numeric', 'numeric(4,1)']);
    const { status: plain } = await runOk(service, connectionId, "SELECT 1 AS n, now() AS at, 'x'::text AS t, 1.5::numeric AS d");
    expect(plain.results[0]?.columns).toEqual([
      { name: 'n', dataType: 'integer', nullable: null }, { name: 'at', dataType: 'timestamp with time zone', nullable: null },
      { name: 't', dataType: 'text', nullable: null }, { name: 'd', dataType: 'numeric', nullable: null },
    ]);
  });

  it('says which table column each result column reads, and nothing for expressions', async () => {
    const { status } = await runOk(service, connectionId, `
      SELECT o.id, o.total AS amount, c.name, o.total * 2 AS doubled, now() AS at
        FROM shop.orders o JOIN shop.customers c ON c.id = o.customer_id ORDER BY o.id LIMIT 2;
      SELECT id FROM shop.big_orders LIMIT 1`);
    expect(status.results[0]?.columns.map((c) => [c.name, c.origin ?? null])).toEqual([
      ['id', { schema: 'shop', table: 'orders', column: 'id' }],
      ['amount', { schema: 'shop', table: 'orders', column: 'total' }],
      ['name', { schema: 'shop', table: 'customers', column: 'name' }],
      ['doubled', null],
      ['at', null],
    ]);
    expect(status.results[1]?.columns[0]?.origin).toEqual({ schema: 'shop', table: 'big_orders', column: 'id' });
  });

  it('reads a LATIN1 database, whose clients default to LATIN1, as UTF-8 text (the stored wire bytes are UTF-8)', async () => {
    const other = new QueryService();
    try {
      const { connectionId: latin1 } = await other.connect(configOf({ database: 'latin1' }), transport());
      const { rows } = await runOk(other, latin1, 'SELECT w FROM words; SHOW client_encoding');
      expect(rows[0]).toEqual([['café über Ærø']]);
      expect(rows[1]).toEqual([['UTF8']]);
    } finally {
      await other.closeAll();
    }
  });

  it('applies the row limit to a SELECT and says it cut', async () => {
    const { status, rows } = await runOk(service, connectionId, 'SELECT g FROM generate_series(1, 5000) AS g', 1000);
    expect(status.results[0]).toMatchObject({ rowCount: 1000, limited: true, complete: true });
    expect(rows[0]?.[999]).toEqual(['1000']);
    const exact = await runOk(service, connectionId, 'SELECT g FROM generate_series(1, 1000) AS g', 1000);
    expect(exact.status.results[0]).toMatchObject({ rowCount: 1000, limited: false });
  });

  it('keeps every type exact: NULL vs empty, bigint, numeric, zones, bytea, json, arrays, uuid, unicode', async () => {
    const { status, rows } = await runOk(service, connectionId, `
      SET TIME ZONE 'Europe/Helsinki';
      SELECT NULL::text AS n, ''::text AS empty, 9223372036854775807::bigint AS big, 12345678901234567890.123456789::numeric AS num,
             '2024-02-29 12:34:56.789+05:30'::timestamptz AS tstz, '2024-02-29 12:34:56'::timestamp AS ts, '23:59:59+02'::timetz AS ttz,
             '2024-02-29'::date AS d, '\\x00ff10'::bytea AS bin, '{"a": [1, 2.50, null]}'::jsonb AS j, ARRAY[1, NULL, 3] AS arr,
             '{"x,y", "q\\"uote"}'::text[] AS txtarr, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS id, 'héllo 😀 שלום' AS uni,
             true AS yes, false AS no, 1.5::float8 AS f, 'NaN'::float8 AS nan`);
    const [row] = rows[1] ?? [];
    expect(row).toEqual([
      null, '', '9223372036854775807', '12345678901234567890.123456789', '2024-02-29 09:04:56.789+02', '2024-02-29 12:34:56', '23:59:59+02',
      '2024-02-29', { kind: 'binary', hex: '00ff10', length: 3, truncated: false }, '{"a": [1, 2.50, null]}', '{1,NULL,3}',
      '{"x,y","q\\"uote"}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'héllo 😀 שלום', true, false, '1.5', 'NaN',
    ]);
    expect(status.results[1]?.columns.map((c) => c.dataType)).toEqual([
      'text', 'text', 'bigint', 'numeric', 'timestamp with time zone', 'timestamp without time zone', 'time with time zone', 'date', 'bytea',
      'jsonb', 'integer[]', 'text[]', 'uuid', 'text', 'boolean', 'boolean', 'double precision', 'double precision',
    ]);
  });

  it('a read-only connection reads, and the server refuses its writes from the first statement on', async () => {
    const other = new QueryService();
    try {
      const { connectionId: readOnly } = await other.connect(configOf({ readOnly: true }), transport());
      expect((await runOk(other, readOnly, 'SELECT count(*) FROM shop.customers')).rows[0]).toEqual([['700']]);
      const write = await runToEnd(other, readOnly, "INSERT INTO shop.customers (name) VALUES ('never')");
      expect(write.status.error).toMatchObject({ code: 'QUERY_FAILED', detail: { sqlstate: '25006' } });
      expect(write.status.error?.message).toMatch(/read-only transaction/);
      expect((await runOk(other, readOnly, 'SHOW default_transaction_read_only')).rows[0]).toEqual([['on']]);
      expect((await runOk(service, connectionId, "SELECT count(*) FROM shop.customers WHERE name = 'never'")).rows[0]).toEqual([['0']]);
    } finally {
      await other.closeAll();
    }
  });

  it('gives the SQLSTATE and the position of an error in the submitted SQL', async () => {
    const { status } = await runToEnd(service, connectionId, 'SELECT 1;\nSELECT nope FROM shop.customers');
    expect(status.state).toBe('failed');
    expect(status.error).toMatchObject({ code: 'QUERY_FAILED', detail: { sqlstate: '42703', line: 2, column: 8, statementIndex: 1 } });
    expect(status.error?.message).toMatch(/42703: column "nope" does not exist at line 2, column 8/);
    expect(status.results).toHaveLength(1);
    const invalid = await runToEnd(service, connectionId, 'SELEC 1');
    expect(invalid.status.error).toMatchObject({ code: 'QUERY_FAILED', detail: { sqlstate: '42601', position: 1 } });
    const division = await runToEnd(service, connectionId, 'SELECT 1 / 0');
    expect(division.status.error?.message).toMatch(/22012: division by zero/);
    expect((await runOk(service, connectionId, 'SELECT 2')).rows[0]).toEqual([['2']]);
  });

  it('refuses a result wider than 1000 columns with RESULT_TOO_WIDE and stays usable', async () => {
    const columns = Array.from({ length: 1001 }, (_v, i) => `${i} AS c${i}`).join(', ');
    const { status } = await runToEnd(service, connectionId, `SELECT ${columns}`);
    expect(status.error).toMatchObject({ code: 'RESULT_TOO_WIDE' });
    expect(status.error?.message).toMatch(/1001 columns/);
    expect((await runOk(service, connectionId, 'SELECT 3')).rows[0]).toEqual([['3']]);
  });

  it('cancels pg_sleep promptly with a cancel request over a fresh stream, and the session stays usable', async () => {
    const took = await expectCancelled(service, connectionId, 'SELECT 1; SELECT pg_sleep(30); SELECT 2');
    expect(took).toBeLessThan(2000);
    expect((await runOk(service, connectionId, 'SELECT 4')).rows[0]).toEqual([['4']]);
  });

  it('introspects the seeded schema with estimates, columns, keys, indexes and foreign keys', async () => {
    const info = await service.introspect({ connectionId, schema: 'shop' });
    expect(info.currentDatabase).toBe('burrow');
    expect(info.databases).toEqual(expect.arrayContaining(['burrow', 'postgres']));
    expect(info.tables.map((t) => [t.name, t.kind])).toEqual([['big_orders', 'view'], ['customers', 'table'], ['orders', 'table']]);
    const orders = info.tables.find((t) => t.name === 'orders')!;
    expect(orders.estimatedRows).toBe(2000);
    expect(orders.columns.map((c) => [c.name, c.dataType, c.nullable, c.primaryKey])).toEqual([
      ['id', 'bigint', false, true], ['customer_id', 'integer', false, false], ['total', 'numeric(12,2)', true, false], ['note', 'text', true, false],
    ]);
    expect(orders.columns[0]?.default).toMatch(/^nextval/);
    expect(orders.indexes).toEqual(expect.arrayContaining([
      { name: 'orders_pkey', columns: ['id'], unique: true, primary: true },
      { name: 'orders_customer', columns: ['customer_id'], unique: false, primary: false },
    ]));
    expect(orders.foreignKeys).toEqual([{ name: 'orders_customer_id_fkey', columns: ['customer_id'], referencedSchema: 'shop', referencedTable: 'customers', referencedColumns: ['id'] }]);
    const customers = info.tables.find((t) => t.name === 'customers')!;
    expect(customers.indexes.find((i) => i.name === 'customers_email_key')).toMatchObject({ unique: true, columns: ['email'] });
  });

  it('browses a table 300 rows a page with sorting and parameterised filters', async () => {
    const first = await service.browse({ connectionId, table: { schema: 'shop', name: 'customers' }, sort: [{ column: 'id', direction: 'desc' }] });
    expect(first.rows).toHaveLength(300);
    expect(first.hasMore).toBe(true);
    expect(first.rows[0]?.[0]).toBe('700');
    const last = await service.browse({ connectionId, table: { schema: 'shop', name: 'customers' }, sort: [{ column: 'id', direction: 'asc' }], offset: 600 });
    expect(last.rows).toHaveLength(100);
    expect(last.hasMore).toBe(false);
    const filtered = await service.browse({
      connectionId,
      table: { schema: 'shop', name: 'orders' },
      filters: [{ column: 'note', op: 'is null' }, { column: 'customer_id', op: 'in', value: ['4', '7'] }, { column: 'total', op: '>', value: '4' }],
      sort: [{ column: 'id', direction: 'asc' }],
    });
    expect(filtered.rows.map((r) => r[0])).toEqual(['3', '6']);
    // The count behind the same filters, and of the whole table.
    expect(await service.count({ connectionId, table: { schema: 'shop', name: 'orders' }, filters: [{ column: 'note', op: 'is null' }, { column: 'customer_id', op: 'in', value: ['4', '7'] }, { column: 'total', op: '>', value: '4' }] })).toEqual({ rows: 2 });
    expect(await service.count({ connectionId, table: { schema: 'shop', name: 'orders' } })).toEqual({ rows: 2000 });
    expect(await service.count({ connectionId, table: { schema: 'shop', name: 'customers' }, filters: [{ column: 'name', op: 'like', value: "x' OR '1'='1" }] })).toEqual({ rows: 0 });
    const injection = await service.browse({ connectionId, table: { schema: 'shop', name: 'customers' }, filters: [{ column: 'name', op: 'like', value: "x' OR '1'='1" }] });
    expect(injection.rows).toEqual([]);
    await expect(service.browse({ connectionId, table: { schema: 'shop', name: 'customers"; DROP TABLE shop.orders; --' } })).rejects.toMatchObject({ code: 'QUERY_FAILED' });
    expect((await runOk(service, connectionId, 'SELECT count(*) FROM shop.orders')).rows[0]).toEqual([['2000']]);
  });

  it('pages a 1M-row result: first rows before the end, any window fast', async () => {
    const started = service.run({ connectionId, sql: 'SELECT g, md5(g::text) AS h, g * 2 AS d FROM generate_series(1, 1000000) AS g', rowLimit: null });
    let status = await service.status({ runId: started.runId, waitMs: 10_000 });
    while (status.results.length === 0 || status.results[0]!.rowCount === 0) status = await service.status({ runId: started.runId, waitMs: 10_000 });
    const early = service.rows({ resultId: status.results[0]!.resultId, offset: 0, limit: 10 });
    expect(early.rows[0]?.[0]).toBe('1');
    status = await service.wait(started.runId);
    expect(status.state).toBe('done');
    const result = status.results[0]!;
    expect(result.rowCount).toBe(1_000_000);
    for (const offset of [0, 123_456, 999_000]) {
      const window = service.rows({ resultId: result.resultId, offset, limit: 1000 });
      expect(window.rows).toHaveLength(1000);
      expect(window.rows[0]?.[0]).toBe(String(offset + 1));
      expect(window.rows[999]?.[2]).toBe(String((offset + 1000) * 2));
    }
    expect(service.rows({ resultId: result.resultId, offset: 999_990, limit: 1000 }).rows).toHaveLength(10);
    service.release({ runId: started.runId });
    expect(service.store.usedBytes).toBe(0);
  });
});

describe('PostgreSQL: bad input gets a clear code, never a hang', () => {
  const service = new QueryService();
  afterAll(() => service.closeAll());
  const tunnelTo = (port: number) => transportFor('tunnel', postgres.host, port, () => ssh.tunnel);

  it('a wrong password is DB_AUTH_FAILED with the SQLSTATE', async () => {
    const error = await connectError(service, configOf({ password: 'wrong' }), tunnelTo(postgres.port));
    expect(error.code).toBe('DB_AUTH_FAILED');
    expect(error.message).toMatch(/password authentication failed for user "burrow" \(SQLSTATE 28P01\)/);
  });

  it('a missing database is DB_NOT_FOUND', async () => {
    const error = await connectError(service, configOf({ database: 'nope' }), transportFor('direct', postgres.host, postgres.port, () => ssh.tunnel));
    expect(error.code).toBe('DB_NOT_FOUND');
    expect(error.message).toMatch(/database "nope" does not exist/);
  });

  it('PostgreSQL pointed at the MariaDB port is DB_PROTOCOL_MISMATCH', async () => {
    for (const transport of [tunnelTo(mariadb.port), transportFor('direct', mariadb.host, mariadb.port, () => ssh.tunnel)]) {
      const error = await connectError(service, configOf({ connectTimeoutMs: 5000 }), transport);
      expect(error.code).toBe('DB_PROTOCOL_MISMATCH');
      expect(error.message).toMatch(/MySQL\/MariaDB handshake/);
    }
  });

  it('a closed port is a clear connect error', async () => {
    const direct = await connectError(service, configOf(), transportFor('direct', '127.0.0.1', 1, () => ssh.tunnel));
    expect(direct.code).toBe('DB_CONNECT_FAILED');
    expect(direct.message).toMatch(/connection refused/);
    const tunnelled = await connectError(service, configOf(), tunnelTo(1));
    expect(tunnelled.code).toBe('SSH_CHANNEL_REFUSED');
  });

  it('a connection dropped mid-result ends the run with DB_CONNECTION_LOST, keeping the rows so far', async () => {
    const info = await service.connect(configOf(), transportFor('direct', postgres.host, postgres.port, () => ssh.tunnel));
    const pid = (await runOk(service, info.connectionId, 'SELECT pg_backend_pid()')).rows[0]?.[0]?.[0];
    const started = service.run({ connectionId: info.connectionId, sql: 'SELECT g, pg_sleep(CASE WHEN g = 2000 THEN 30 ELSE 0 END) FROM generate_series(1, 5000) AS g', rowLimit: null });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const admin = new pg.Client({ host: postgres.host, port: postgres.port, user: postgres.user, password: postgres.password, database: postgres.database });
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend($1)', [Number(pid)]);
    await admin.end();
    const status = await service.wait(started.runId, 10_000);
    expect(status.state).toBe('failed');
    expect(status.error?.code).toBe('DB_CONNECTION_LOST');
    expect(status.error?.message).toMatch(/57P01/);
    // Rows the server had sent before the drop are kept (it flushes in 8 KiB units, so not exactly 1999).
    expect(status.results[0]?.rowCount).toBeGreaterThan(1000);
    expect(status.results[0]?.rowCount).toBeLessThan(2000);
    expect(status.results[0]?.complete).toBe(true);
  });
});

describe('PostgreSQL TLS over the SSH channel', () => {
  const service = new QueryService();
  afterAll(() => service.closeAll());
  const tunnel = () => transportFor('tunnel', postgres.host, postgres.port, () => ssh.tunnel);

  it('verify-full with the test CA runs TLS inside the tunnel stream, with no listening socket', async () => {
    const info = await service.connect(configOf({ tls: { mode: 'verify-full', caPem: postgres.ca!.certPem, serverName: 'db.burrow.test' } }), tunnel());
    expect(info.tls).toBe(true);
    const { rows } = await runOk(service, info.connectionId, 'SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    expect(rows[0]?.[0]?.[0]).toBe(true);
    expect(rows[0]?.[0]?.[1]).toMatch(/^TLSv1\.[23]$/);
    expect(listeningSocketsOf('self')).toEqual([]);
    const took = await expectCancelled(service, info.connectionId, 'SELECT pg_sleep(30)');
    expect(took).toBeLessThan(2000);
  });

  it('verify-full against the certificate IP works too (the host as seen from the last hop), and an IP it lacks is refused', async () => {
    const info = await service.connect(configOf({ tls: { mode: 'verify-full', caPem: postgres.ca!.certPem } }), tunnel());
    expect(info.tls).toBe(true);
    const error = await connectError(service, configOf({ tls: { mode: 'verify-full', caPem: postgres.ca!.certPem, serverName: '10.9.8.7' } }), tunnel());
    expect(error.code).toBe('DB_TLS_FAILED');
    expect(error.message).toMatch(/does not name this server.*10\.9\.8\.7/);
  });

  it('a wrong CA is refused with DB_TLS_FAILED naming the CA problem', async () => {
    const error = await connectError(service, configOf({ tls: { mode: 'verify-ca', caPem: wrongCaPem } }), tunnel());
    expect(error.code).toBe('DB_TLS_FAILED');
    expect(error.message).toMatch(/not signed by a trusted CA/);
  });

  it('a name the certificate does not carry is refused under verify-full', async () => {
    const error = await connectError(service, configOf({ tls: { mode: 'verify-full', caPem: postgres.ca!.certPem, serverName: 'other.example' } }), tunnel());
    expect(error.code).toBe('DB_TLS_FAILED');
    expect(error.message).toMatch(/does not name this server/);
  });

  it('prefer and require encrypt without checking the chain', async () => {
    for (const mode of ['prefer', 'require'] as const) {
      const info = await service.connect(configOf({ tls: { mode } }), tunnel());
      expect(info.tls).toBe(true);
    }
  });

  it('a connection dropped with the tunnel keeps the TUNNEL_CLOSED code', async () => {
    const rig = await startSshRig();
    try {
      const info = await service.connect(configOf({ tls: { mode: 'require' } }), transportFor('tunnel', postgres.host, postgres.port, () => rig.tunnel));
      const started = service.run({ connectionId: info.connectionId, sql: 'SELECT g, pg_sleep(CASE WHEN g = 3000 THEN 30 ELSE 0 END) FROM generate_series(1, 5000) AS g', rowLimit: null });
      await new Promise((resolve) => setTimeout(resolve, 500));
      await rig.sshd.restart();
      const status = await service.wait(started.runId, 15_000);
      expect(status.state).toBe('failed');
      expect(status.error?.code).toBe('TUNNEL_CLOSED');
      expect(status.results[0]?.rowCount).toBeGreaterThan(1000);
      expect(status.results[0]?.rowCount).toBeLessThan(3000);
    } finally {
      await rig.stop();
    }
  });
});
