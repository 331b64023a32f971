import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnectConfigInput } from '../../../shared/query';
import { QueryService } from '../../../electron/core/db/queryService';
import { listeningSocketsOf, makeCa, makeTempDir, startMariadb, startPostgres, type MariadbServer, type PostgresServer } from '../../env';
import { connectError, expectCancelled, runOk, runToEnd, startSshRig, transportFor, type SshRig, type Via } from './dbRig';

let mariadb: MariadbServer;
let postgres: PostgresServer;
let ssh: SshRig;

beforeAll(async () => {
  [mariadb, postgres, ssh] = await Promise.all([startMariadb(), startPostgres(), startSshRig()]);
  const admin = await mysql.createConnection({ host: mariadb.host, port: mariadb.port, user: mariadb.user, password: mariadb.password, database: 'burrow', multipleStatements: true });
  await admin.query(`
    CREATE TABLE customers (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200) UNIQUE, created DATETIME DEFAULT CURRENT_TIMESTAMP) ENGINE=InnoDB;
    CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer_id INT NOT NULL, total DECIMAL(12,2), note TEXT,
      KEY orders_customer (customer_id), CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)) ENGINE=InnoDB;
    CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100;
    INSERT INTO customers (name, email) SELECT CONCAT('customer ', seq), CONCAT('c', seq, '@example.com') FROM seq_1_to_700;
    INSERT INTO orders (customer_id, total, note) SELECT 1 + seq % 700, seq * 1.5, IF(seq % 3 = 0, NULL, CONCAT('note ', seq)) FROM seq_1_to_2000;
    ANALYZE TABLE customers, orders;
  `);
  await admin.end();
});

afterAll(async () => {
  await Promise.all([mariadb?.stop(), postgres?.stop(), ssh?.stop()]);
});

const configOf = (overrides: Partial<DbConnectConfigInput> = {}): DbConnectConfigInput => ({
  engine: 'mariadb',
  host: mariadb.host,
  port: mariadb.port,
  user: mariadb.user,
  password: mariadb.password,
  database: mariadb.database,
  tls: { mode: 'disable' },
  ...overrides,
});

describe.each<Via>(['direct', 'tunnel'])('MariaDB %s', (via) => {
  const service = new QueryService();
  let connectionId: string;

  beforeAll(async () => {
    const info = await service.connect(configOf(), transportFor(via, mariadb.host, mariadb.port, () => ssh.tunnel));
    connectionId = info.connectionId;
    expect(info.serverVersion).toMatch(/^MariaDB 1\d\./);
    expect(info.engine).toBe('mariadb');
  });
  afterAll(() => service.closeAll());

  it('runs several statements, each with its own result set or command tag', async () => {
    const { status, rows } = await runOk(service, connectionId, `
      CREATE TEMPORARY TABLE t (id INT NOT NULL, label VARCHAR(20));
      INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, ';not a split;');
      SELECT id, label FROM t ORDER BY id;
      UPDATE t SET label = 'z' WHERE id > 1;
      SELECT 'semi;colon' AS quoted`);
    expect(status.results.map((r) => [r.kind, r.rowsAffected])).toEqual([['command', 0], ['command', 3], ['rows', null], ['command', 2], ['rows', null]]);
    expect(rows[2]).toEqual([['1', 'a'], ['2', 'b'], ['3', ';not a split;']]);
    expect(rows[4]).toEqual([['semi;colon']]);
    expect(status.results[2]?.columns).toEqual([
      { name: 'id', dataType: 'int', nullable: false, origin: { schema: 'burrow', table: 't', column: 'id' } },
      { name: 'label', dataType: 'varchar', nullable: true, origin: { schema: 'burrow', table: 't', column: 'label' } },
    ]);
  });

  it('says which table column each result column reads, and nothing for expressions', async () => {
    const { status } = await runOk(service, connectionId, `
      SELECT o.id, o.total AS amount, c.name, o.total * 2 AS doubled, NOW() AS at
        FROM orders o JOIN customers c ON c.id = o.customer_id ORDER BY o.id LIMIT 2;
      SELECT id FROM big_orders LIMIT 1`);
    expect(status.results[0]?.columns.map((c) => [c.name, c.origin ?? null])).toEqual([
      ['id', { schema: 'burrow', table: 'orders', column: 'id' }],
      ['amount', { schema: 'burrow', table: 'orders', column: 'total' }],
      ['name', { schema: 'burrow', table: 'customers', column: 'name' }],
      ['doubled', null],
      ['at', null],
    ]);
    expect(status.results[1]?.columns[0]?.origin?.column).toBe('id');
  });

  it('applies the row limit to SELECTs only and says it cut', async () => {
    const { status, rows } = await runOk(service, connectionId, 'SELECT seq FROM seq_1_to_5000', 1000);
    expect(status.results[0]).toMatchObject({ rowCount: 1000, limited: true });
    expect(rows[0]?.[999]).toEqual(['1000']);
    const exact = await runOk(service, connectionId, 'SELECT seq FROM seq_1_to_1000', 1000);
    expect(exact.status.results[0]).toMatchObject({ rowCount: 1000, limited: false });
    // The session limit is reset afterwards.
    expect((await runOk(service, connectionId, 'SELECT @@sql_select_limit', null)).rows[0]?.[0]?.[0]).toBe('18446744073709551615');
  });

  it('keeps every type exact: NULL vs empty, bigint, decimal, dates, binary, JSON, uuid, unicode', async () => {
    const { status, rows } = await runOk(service, connectionId, `
      SELECT NULL AS n, '' AS empty, CAST(9223372036854775807 AS SIGNED) AS big, CAST(18446744073709551615 AS UNSIGNED) AS ubig,
             CAST('12345678901234567890.123456789' AS DECIMAL(40,9)) AS num, CAST('2024-02-29 12:34:56.789' AS DATETIME(3)) AS dt,
             CAST('2024-02-29' AS DATE) AS d, CAST('-838:59:59' AS TIME) AS t, X'00FF10' AS bin, JSON_OBJECT('a', JSON_ARRAY(1, 2.50, NULL)) AS j,
             'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' AS id, 'héllo 😀 שלום' AS uni, 1.5e0 AS f, b'101' AS bits`);
    expect(rows[0]?.[0]).toEqual([
      null, '', '9223372036854775807', '18446744073709551615', '12345678901234567890.123456789', '2024-02-29 12:34:56.789', '2024-02-29',
      '-838:59:59', { kind: 'binary', hex: '00ff10', length: 3, truncated: false }, '{"a": [1, 2.50, null]}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      'héllo 😀 שלום', '1.5', { kind: 'binary', hex: '05', length: 1, truncated: false },
    ]);
    expect(status.results[0]?.columns.map((c) => c.dataType)).toEqual([
      'null', 'varchar', 'bigint', 'bigint', 'decimal', 'datetime', 'date', 'time', 'varbinary', 'varchar', 'varchar', 'varchar', 'double', 'varbinary',
    ]);
  });

  it('a read-only connection reads, and the server refuses its writes', async () => {
    const other = new QueryService();
    try {
      const { connectionId: readOnly } = await other.connect(configOf({ readOnly: true }), transportFor(via, mariadb.host, mariadb.port, () => ssh.tunnel));
      expect((await runOk(other, readOnly, 'SELECT COUNT(*) FROM customers')).rows[0]).toEqual([['700']]);
      const write = await runToEnd(other, readOnly, "INSERT INTO customers (name) VALUES ('never')");
      expect(write.status.error).toMatchObject({ code: 'QUERY_FAILED' });
      expect(write.status.error?.message).toMatch(/READ ONLY transaction|read.only/i);
      expect((await runOk(service, connectionId, "SELECT COUNT(*) FROM customers WHERE name = 'never'")).rows[0]).toEqual([['0']]);
    } finally {
      await other.closeAll();
    }
  });

  it('gives the errno, SQLSTATE and line of an error', async () => {
    const { status } = await runToEnd(service, connectionId, 'SELECT 1;\nSELECT nope FROM customers');
    expect(status.state).toBe('failed');
    expect(status.error).toMatchObject({ code: 'QUERY_FAILED', detail: { errno: 1054, sqlstate: '42S22' } });
    expect(status.error?.message).toMatch(/ERROR 1054 \(42S22\): Unknown column 'nope'/);
    expect(status.results).toHaveLength(1);
    const invalid = await runToEnd(service, connectionId, 'SELECT 1,\n\n FROM dual');
    // MySQL names only the line; the quoted "near" text gives the column and position (1-based, as PostgreSQL's).
    expect(invalid.status.error).toMatchObject({ code: 'QUERY_FAILED', detail: { errno: 1064, line: 3, column: 2, position: 13 } });
    expect(invalid.status.error?.message).toMatch(/near 'FROM dual' at line 3, column 2$/);
    // The server counts lines from the failing statement; Burrow gives the line of the whole run.
    const script = "SET @a = 1; SELECT 'x;\\';' AS t # a ; comment\n;\n\nDO 1;\n  -- note\n  SELECT\n 1 FORM dual";
    const third = await runToEnd(service, connectionId, script);
    expect(third.status.results).toHaveLength(3);
    expect(third.status.error).toMatchObject({ code: 'QUERY_FAILED', detail: { errno: 1064, line: 7, column: 9, position: script.lastIndexOf('dual') + 1 } });
    expect(third.status.error?.message).toMatch(/near 'dual' at line 7, column 9$/);
    // An unfinished statement: the server quotes nothing, the place is the statement's end.
    const unfinished = await runToEnd(service, connectionId, 'SELECT 1;\nSELECT 2,');
    expect(unfinished.status.error).toMatchObject({ code: 'QUERY_FAILED', detail: { errno: 1064, line: 2, column: 10, position: 20 } });
    // An empty statement is one too: the server stops at its semicolon.
    const empty = await runToEnd(service, connectionId, 'SELECT 1;\n  ;\n SELECT 2');
    expect(empty.status.error).toMatchObject({ code: 'QUERY_FAILED', detail: { errno: 1064, line: 2 } });
    expect((await runOk(service, connectionId, 'SELECT 2')).rows[0]).toEqual([['2']]);
  });

  it('runs a script that switches delimiters (DELIMITER $$) as mysqldump writes them, errors on the right line', async () => {
    const script = [
      'DELIMITER $$',
      `CREATE OR REPLACE PROCEDURE burrow_double_${via}(IN n INT)`,
      'BEGIN',
      "  SELECT n * 2 AS doubled, '$$;' AS text;",
      'END$$',
      'DELIMITER ;',
      `CALL burrow_double_${via}(21);`,
    ].join('\n');
    const { status, rows } = await runOk(service, connectionId, script);
    expect(status.changesSchema).toBe(true);
    expect(rows.find((result) => result.length > 0)).toEqual([['42', '$$;']]);
    const broken = await runToEnd(service, connectionId, `DELIMITER //\nSELECT 1//\n\nSELEC 2//\nDELIMITER ;`);
    expect(broken.status.error).toMatchObject({ code: 'QUERY_FAILED', detail: { errno: 1064, line: 4, column: 1, position: 26 } });
  });

  it('refuses a result wider than 1000 columns with RESULT_TOO_WIDE and stays usable', async () => {
    const columns = Array.from({ length: 1001 }, (_v, i) => `${i} AS c${i}`).join(', ');
    const { status } = await runToEnd(service, connectionId, `SELECT ${columns}`);
    expect(status.error).toMatchObject({ code: 'RESULT_TOO_WIDE' });
    expect((await runOk(service, connectionId, 'SELECT 3')).rows[0]).toEqual([['3']]);
  });

  it('cancels SLEEP promptly with KILL QUERY over a second connection, and the session stays usable', async () => {
    const took = await expectCancelled(service, connectionId, 'SELECT SLEEP(30)');
    expect(took).toBeLessThan(2000);
    expect((await runOk(service, connectionId, 'SELECT 4')).rows[0]).toEqual([['4']]);
    expect(listeningSocketsOf('self')).toEqual([]);
  });

  it('introspects the seeded schema with estimates, columns, keys, indexes and foreign keys', async () => {
    const info = await service.introspect({ connectionId });
    expect(info.currentDatabase).toBe('burrow');
    expect(info.databases).toContain('burrow');
    expect(info.tables.map((t) => [t.name, t.kind])).toEqual([['big_orders', 'view'], ['customers', 'table'], ['orders', 'table']]);
    const orders = info.tables.find((t) => t.name === 'orders')!;
    expect(orders.estimatedRows).toBeGreaterThan(1000);
    expect(orders.columns.map((c) => [c.name, c.dataType, c.nullable, c.primaryKey])).toEqual([
      ['id', 'bigint(20)', false, true], ['customer_id', 'int(11)', false, false], ['total', 'decimal(12,2)', true, false], ['note', 'text', true, false],
    ]);
    expect(orders.indexes).toEqual(expect.arrayContaining([
      { name: 'PRIMARY', columns: ['id'], unique: true, primary: true },
      { name: 'orders_customer', columns: ['customer_id'], unique: false, primary: false },
    ]));
    expect(orders.foreignKeys).toEqual([{ name: 'orders_customer_fk', columns: ['customer_id'], referencedSchema: 'burrow', referencedTable: 'customers', referencedColumns: ['id'] }]);
  });

  it('browses a table 300 rows a page with sorting and parameterised filters', async () => {
    const first = await service.browse({ connectionId, table: { schema: null, name: 'customers' }, sort: [{ column: 'id', direction: 'desc' }] });
    expect(first.rows).toHaveLength(300);
    expect(first.hasMore).toBe(true);
    expect(first.rows[0]?.[0]).toBe('700');
    const filtered = await service.browse({
      connectionId,
      table: { schema: 'burrow', name: 'orders' },
      filters: [{ column: 'note', op: 'is null' }, { column: 'customer_id', op: 'in', value: ['4', '7'] }, { column: 'total', op: '>', value: '4' }],
      sort: [{ column: 'id', direction: 'asc' }],
    });
    expect(filtered.rows.map((r) => r[0])).toEqual(['3', '6']);
    expect(await service.count({ connectionId, table: { schema: 'burrow', name: 'orders' }, filters: [{ column: 'note', op: 'is null' }, { column: 'customer_id', op: 'in', value: ['4', '7'] }, { column: 'total', op: '>', value: '4' }] })).toEqual({ rows: 2 });
    expect(await service.count({ connectionId, table: { schema: null, name: 'orders' } })).toEqual({ rows: 2000 });
    const injection = await service.browse({ connectionId, table: { schema: null, name: 'customers' }, filters: [{ column: 'name', op: '=', value: "x' OR '1'='1" }] });
    expect(injection.rows).toEqual([]);
    await expect(service.browse({ connectionId, table: { schema: null, name: 'customers`; DROP TABLE orders; --' } })).rejects.toMatchObject({ code: 'QUERY_FAILED' });
  });

  it('pages a 1M-row result with fast windows at any offset', async () => {
    const started = service.run({ connectionId, sql: 'SELECT seq, MD5(seq), seq * 2 FROM seq_1_to_1000000', rowLimit: null });
    const status = await service.wait(started.runId);
    expect(status.state).toBe('done');
    const result = status.results[0]!;
    expect(result.rowCount).toBe(1_000_000);
    for (const offset of [0, 543_210, 999_000]) {
      const window = service.rows({ resultId: result.resultId, offset, limit: 1000 });
      expect(window.rows[0]?.[0]).toBe(String(offset + 1));
      expect(window.rows[999]?.[2]).toBe(String((offset + 1000) * 2));
    }
    service.release({ runId: started.runId });
  });
});

describe('MariaDB TLS over the SSH channel', () => {
  const service = new QueryService();
  let secure: MariadbServer;
  let wrongCaPem: string;
  const tunnel = () => transportFor('tunnel', secure.host, secure.port, () => ssh.tunnel);
  const secureConfig = (tls: DbConnectConfigInput['tls']): DbConnectConfigInput => ({ ...configOf(), port: secure.port, password: secure.password, tls });

  beforeAll(async () => {
    const dir = makeTempDir('mariadb-wrong-ca');
    [secure, wrongCaPem] = await Promise.all([startMariadb({ tls: true }), makeCa(dir.path, 'Not The Server CA').then((ca) => ca.certPem)]);
    dir.remove();
  });
  afterAll(async () => {
    await service.closeAll();
    await secure?.stop();
  });

  it('verify-full with the test CA runs TLS inside the tunnel stream, with no listening socket', async () => {
    const info = await service.connect(secureConfig({ mode: 'verify-full', caPem: secure.ca!.certPem, serverName: 'db.burrow.test' }), tunnel());
    expect(info.tls).toBe(true);
    const { rows } = await runOk(service, info.connectionId, "SHOW SESSION STATUS LIKE 'Ssl_version'");
    expect(rows[0]?.[0]?.[1]).toMatch(/^TLSv1\.[23]$/);
    expect(listeningSocketsOf('self')).toEqual([]);
    const took = await expectCancelled(service, info.connectionId, 'SELECT SLEEP(30)');
    expect(took).toBeLessThan(2000);
    expect((await runOk(service, info.connectionId, 'SELECT 1')).rows[0]).toEqual([['1']]);
  });

  it('verify-full against the certificate IP works too (the host as seen from the last hop), and an IP it lacks is refused', async () => {
    const info = await service.connect(secureConfig({ mode: 'verify-full', caPem: secure.ca!.certPem }), tunnel());
    expect(info.tls).toBe(true);
    const error = await connectError(service, secureConfig({ mode: 'verify-full', caPem: secure.ca!.certPem, serverName: '10.9.8.7' }), tunnel());
    expect(error.code).toBe('DB_TLS_FAILED');
    expect(error.message).toMatch(/does not name this server.*10\.9\.8\.7/);
  });

  it('a wrong CA is refused with DB_TLS_FAILED naming the CA problem', async () => {
    const error = await connectError(service, secureConfig({ mode: 'verify-ca', caPem: wrongCaPem }), tunnel());
    expect(error.code).toBe('DB_TLS_FAILED');
    expect(error.message).toMatch(/not signed by a trusted CA/);
  });

  it('a name the certificate does not carry is refused under verify-full, and passes under verify-ca', async () => {
    const error = await connectError(service, secureConfig({ mode: 'verify-full', caPem: secure.ca!.certPem, serverName: 'other.example' }), tunnel());
    expect(error.code).toBe('DB_TLS_FAILED');
    expect(error.message).toMatch(/does not name this server/);
    const info = await service.connect(secureConfig({ mode: 'verify-ca', caPem: secure.ca!.certPem, serverName: 'other.example' }), tunnel());
    expect(info.tls).toBe(true);
  });

  it('prefer and require encrypt without checking the chain', async () => {
    for (const mode of ['prefer', 'require'] as const) {
      const info = await service.connect(secureConfig({ mode }), tunnel());
      expect(info.tls).toBe(true);
    }
  });
});

describe('MariaDB: bad input gets a clear code, never a hang', () => {
  const service = new QueryService();
  afterAll(() => service.closeAll());
  const tunnelTo = (port: number) => transportFor('tunnel', mariadb.host, port, () => ssh.tunnel);

  it('a wrong password is DB_AUTH_FAILED with the errno', async () => {
    const error = await connectError(service, configOf({ password: 'wrong' }), tunnelTo(mariadb.port));
    expect(error.code).toBe('DB_AUTH_FAILED');
    expect(error.message).toMatch(/Access denied for user 'burrow'.*errno 1045/);
  });

  it('a missing database is DB_NOT_FOUND', async () => {
    const error = await connectError(service, configOf({ database: 'nope' }), tunnelTo(mariadb.port));
    expect(error.code).toBe('DB_NOT_FOUND');
    expect(error.message).toMatch(/Unknown database 'nope'/);
  });

  it('MySQL pointed at the PostgreSQL port is DB_PROTOCOL_MISMATCH within seconds', async () => {
    const before = performance.now();
    const error = await connectError(service, configOf({ engine: 'mysql', port: postgres.port }), transportFor('tunnel', postgres.host, postgres.port, () => ssh.tunnel));
    expect(error.code).toBe('DB_PROTOCOL_MISMATCH');
    expect(error.message).toMatch(/no MySQL greeting/);
    expect(performance.now() - before).toBeLessThan(10_000);
  });

  it('TLS required from a server without TLS is DB_TLS_FAILED', async () => {
    const error = await connectError(service, configOf({ tls: { mode: 'require' } }), tunnelTo(mariadb.port));
    expect(error.code).toBe('DB_TLS_FAILED');
    const info = await service.connect(configOf({ tls: { mode: 'prefer' } }), tunnelTo(mariadb.port));
    expect(info.tls).toBe(false);
  });

  it('a connection killed mid-result ends the run with DB_CONNECTION_LOST', async () => {
    const info = await service.connect(configOf(), tunnelTo(mariadb.port));
    const id = (await runOk(service, info.connectionId, 'SELECT CONNECTION_ID()')).rows[0]?.[0]?.[0];
    const started = service.run({ connectionId: info.connectionId, sql: 'SELECT seq, IF(seq = 2000, SLEEP(30), 0) FROM seq_1_to_5000', rowLimit: null });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const admin = await mysql.createConnection({ host: mariadb.host, port: mariadb.port, user: mariadb.user, password: mariadb.password });
    await admin.query(`KILL CONNECTION ${Number(id)}`);
    await admin.end();
    const status = await service.wait(started.runId, 10_000);
    expect(status.state).toBe('failed');
    expect(status.error?.code).toBe('DB_CONNECTION_LOST');
  });
});
