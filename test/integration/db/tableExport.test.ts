import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnectConfigInput, ExportProgress, TableExportRequest } from '../../../shared/query';
import { QueryService } from '../../../electron/core/db/queryService';
import type { RunSink } from '../../../electron/core/db/types';
import { waitingWriter } from '../../support/waitingWriter';
import { makeTempDir, startMariadb, startPostgres, type MariadbServer, type PostgresServer, type TempDir } from '../../env';
import { runOk, startSshRig, transportFor, type SshRig } from './dbRig';

let postgres: PostgresServer;
let mariadb: MariadbServer;
let ssh: SshRig;
let dir: TempDir;

beforeAll(async () => {
  [postgres, mariadb, ssh] = await Promise.all([startPostgres(), startMariadb(), startSshRig()]);
  dir = makeTempDir('table-export');
});
afterAll(async () => {
  await Promise.all([postgres?.stop(), mariadb?.stop(), ssh?.stop()]);
  dir?.remove();
});

type EngineCase = {
  engine: 'postgres' | 'mariadb';
  config: () => DbConnectConfigInput;
  target: () => { host: string; port: number };
  /** A table with every awkward kind of value, 3 rows, then `rows` more plain ones. */
  seed: (rows: number) => string;
  /** The copy to load an SQL export into, empty and with the same columns. */
  copyTable: string;
  /** Runs a file of SQL with the engine's own client, as a user would load a dump. */
  load: (sql: string) => Promise<void>;
  /** Rows of `a` missing from `b`, by every column. */
  missing: (a: string, b: string) => string;
};

const cases: EngineCase[] = [
  {
    engine: 'postgres',
    config: () => ({ engine: 'postgres', host: postgres.host, port: postgres.port, user: postgres.user, password: postgres.password, database: postgres.database, tls: { mode: 'disable' } }),
    target: () => ({ host: postgres.host, port: postgres.port }),
    seed: (rows) => `
      DROP TABLE IF EXISTS "Export me"; DROP TABLE IF EXISTS export_copy;
      CREATE TABLE "Export me" (id int8 PRIMARY KEY, label text, amount numeric(30,10), flag boolean, raw bytea, doc jsonb, at timestamptz);
      INSERT INTO "Export me" VALUES
        (1, 'it''s "quoted", with a comma,
and a line break', 12345678901234567890.0123456789, true, '\\x00ff10', '{"a": [1, 2.5, null]}', '2024-02-29 13:45:00+05:30'),
        (2, '', -0.5, false, '\\x', '"text"', NULL),
        (3, NULL, NULL, NULL, NULL, NULL, '1999-12-31 23:59:59.999999+00'),
        (4, 'emoji 🦫 and RTL שלום \\ backslash', 0, true, NULL, '[]', NULL);
      INSERT INTO "Export me" (id, label, amount) SELECT g, 'row ' || g, g * 1.5 FROM generate_series(5, ${rows + 4}) g;
      CREATE TABLE export_copy (LIKE "Export me");`,
    load: async (sql) => {
      const client = new pg.Client({ host: postgres.host, port: postgres.port, user: postgres.user, password: postgres.password, database: postgres.database });
      await client.connect();
      await client.query(sql).finally(() => client.end());
    },
    copyTable: 'export_copy',
    missing: (a, b) => `SELECT count(*) FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b}) d`,
  },
  {
    engine: 'mariadb',
    config: () => ({ engine: 'mariadb', host: mariadb.host, port: mariadb.port, user: mariadb.user, password: mariadb.password, database: mariadb.database, tls: { mode: 'disable' } }),
    target: () => ({ host: mariadb.host, port: mariadb.port }),
    seed: (rows) => `
      DROP TABLE IF EXISTS \`Export me\`; DROP TABLE IF EXISTS export_copy;
      CREATE TABLE \`Export me\` (id BIGINT PRIMARY KEY, label TEXT, amount DECIMAL(30,10), flag BOOLEAN, raw VARBINARY(16), doc JSON, at DATETIME(6)) DEFAULT CHARSET=utf8mb4;
      INSERT INTO \`Export me\` VALUES
        (1, 'it''s "quoted", with a comma,\\nand a line break', 12345678901234567890.0123456789, true, X'00ff10', '{"a": [1, 2.5, null]}', '2024-02-29 13:45:00'),
        (2, '', -0.5, false, X'', '"text"', NULL),
        (3, NULL, NULL, NULL, NULL, NULL, '1999-12-31 23:59:59.999999'),
        (4, 'emoji 🦫 and RTL שלום \\\\ backslash', 0, true, NULL, '[]', NULL);
      INSERT INTO \`Export me\` (id, label, amount) SELECT seq, CONCAT('row ', seq), seq * 1.5 FROM seq_5_to_${rows + 4};
      CREATE TABLE export_copy LIKE \`Export me\`;`,
    load: async (sql) => {
      const client = await mysql.createConnection({ host: mariadb.host, port: mariadb.port, user: mariadb.user, password: mariadb.password, database: mariadb.database, multipleStatements: true, charset: 'utf8mb4' });
      await client.query(sql).finally(() => client.end());
    },
    copyTable: 'export_copy',
    // MariaDB 10.11 has EXCEPT ALL; NULL-safe by its set semantics, like PostgreSQL's.
    missing: (a, b) => `SELECT count(*) FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b}) d`,
  },
];

const PLAIN_ROWS = 30_000;

describe.each(cases)('table export over the SSH tunnel: $engine', (engineCase) => {
  const service = new QueryService();
  let connectionId: string;
  let other: string;
  const table = { schema: null, name: 'Export me' };
  const quoted = (name: string): string => (engineCase.engine === 'postgres' ? `"${name}"` : `\`${name}\``);

  beforeAll(async () => {
    const transport = transportFor('tunnel', engineCase.target().host, engineCase.target().port, () => ssh.tunnel);
    ({ connectionId } = await service.connect(engineCase.config(), transport));
    ({ connectionId: other } = await service.connect(engineCase.config(), transport));
    await runOk(service, connectionId, engineCase.seed(PLAIN_ROWS));
  });
  afterAll(() => service.closeAll());

  const exportTo = async (name: string, request: Partial<TableExportRequest>, progress: ExportProgress[] = []) => {
    const file = path.join(dir.path, `${engineCase.engine}-${name}`);
    const outcome = await service.exportTable({ connectionId, exportId: `${engineCase.engine}-${name}`, table, ...request }, file, (p) => progress.push(p));
    return { file, outcome, text: () => readFileSync(file, 'utf8') };
  };

  it('writes the whole table as SQL INSERTs that load back into an identical copy, with no row limit or store budget in the way', async () => {
    const progress: ExportProgress[] = [];
    const { outcome, text } = await exportTo('all.sql', { format: 'sql' }, progress);
    expect(outcome.rows).toBe(PLAIN_ROWS + 4);
    const sql = text();
    expect(outcome.bytes).toBe(Buffer.byteLength(sql));
    expect(sql.split('\n').filter((line) => line.startsWith('INSERT INTO ')).length).toBe(PLAIN_ROWS + 4);
    // Progress counts rows as they reach the file, never more than there are.
    expect(progress.every((p, i) => p.rows <= PLAIN_ROWS + 4 && (i === 0 || p.rows >= progress[i - 1]!.rows))).toBe(true);

    const loaded = sql.replaceAll(`INSERT INTO ${quoted('Export me')} `, `INSERT INTO ${engineCase.copyTable} `);
    await engineCase.load(loaded);
    const diff = await runOk(service, other, `${engineCase.missing(quoted('Export me'), engineCase.copyTable)}; ${engineCase.missing(engineCase.copyTable, quoted('Export me'))}`);
    expect(diff.rows.map((rows) => rows[0]![0])).toEqual(['0', '0']);
    await runOk(service, other, `DELETE FROM ${engineCase.copyTable}`);
  });

  it('imports its own CSV export into an identical copy, in one transaction, after a preview that matches every column', async () => {
    const { file, outcome } = await exportTo('roundtrip.csv', { format: 'csv' });
    const copy = { schema: null, name: engineCase.copyTable };
    const preview = await service.previewImport({ connectionId: other, table: copy, path: file });
    const names = ['id', 'label', 'amount', 'flag', 'raw', 'doc', 'at'];
    expect(preview).toMatchObject({ delimiter: ',', fileColumns: names, suggested: names });
    expect(preview.tableColumns.map((column) => column.name)).toEqual(names);
    expect(preview.sample).toHaveLength(5);
    expect(preview.bytes).toBe(outcome.bytes);
    const progress: number[] = [];
    const imported = await service.importTable({ connectionId: other, importId: `${engineCase.engine}-rt`, table: copy, path: file }, (p) => progress.push(p.rows));
    expect(imported).toEqual({ rows: PLAIN_ROWS + 4 });
    expect(progress.length).toBeGreaterThan(0);
    const diff = await runOk(service, other, `${engineCase.missing(quoted('Export me'), engineCase.copyTable)}; ${engineCase.missing(engineCase.copyTable, quoted('Export me'))}`);
    expect(diff.rows.map((rows) => rows[0]![0])).toEqual(['0', '0']);
    await runOk(service, other, `DELETE FROM ${engineCase.copyTable}`);
  });

  it('an import the server refuses names the failing line and leaves nothing behind; a bad file is refused before any row', async () => {
    const copy = { schema: null, name: engineCase.copyTable };
    const bad = path.join(dir.path, `${engineCase.engine}-bad.csv`);
    const lines = ['id,label'];
    for (let id = 1; id <= 1200; id++) lines.push(id === 777 ? 'not a number,x' : `${id},"row ${id}"`);
    writeFileSync(bad, `${lines.join('\r\n')}\r\n`);
    const count = async (): Promise<unknown> => (await runOk(service, other, `SELECT count(*) FROM ${engineCase.copyTable}`)).rows[0]![0]![0];
    const refused = await service.importTable({ connectionId: other, importId: `${engineCase.engine}-bad`, table: copy, path: bad }, () => {}).then(() => null, (e: unknown) => e);
    expect(refused).toMatchObject({ message: expect.stringMatching(/^line 778: .*nothing was imported$/), detail: expect.objectContaining({ line: 778 }) });
    expect(await count()).toBe('0');

    writeFileSync(bad, 'id,nope,label\r\n1,2,3\r\n');
    await expect(service.importTable({ connectionId: other, importId: `${engineCase.engine}-unknown`, table: copy, path: bad }, () => {})).rejects.toMatchObject({
      code: 'VALIDATION', message: expect.stringContaining(`the file's columns nope match no column of ${engineCase.copyTable}`),
    });
    writeFileSync(bad, 'id,label\r\n1,a\r\n2,b,c\r\n');
    await expect(service.importTable({ connectionId: other, importId: `${engineCase.engine}-short`, table: copy, path: bad }, () => {})).rejects.toMatchObject({
      code: 'VALIDATION', message: expect.stringMatching(/^line 3: 3 fields, but the first line has 2; nothing was imported$/),
    });
    await expect(service.importTable({ connectionId: other, importId: `${engineCase.engine}-gone`, table: copy, path: path.join(dir.path, 'missing.csv') }, () => {})).rejects.toMatchObject({ code: 'IMPORT_FAILED' });
    expect(await count()).toBe('0');
  });

  it('imports a semicolon file without a header through a mapping that reorders and leaves out columns', async () => {
    const copy = { schema: null, name: engineCase.copyTable };
    const file = path.join(dir.path, `${engineCase.engine}-mapped.csv`);
    // label;ignored;id — the middle column goes nowhere; "2,5" is text, not a field break.
    writeFileSync(file, 'first;x;10\r\n"semi; colon";y;11\r\n2,5;;12\r\n;z;13\r\n');
    const preview = await service.previewImport({ connectionId: other, table: copy, path: file, options: { header: false } });
    expect(preview).toMatchObject({ delimiter: ';', fileColumns: ['column 1', 'column 2', 'column 3'], suggested: ['id', 'label', 'amount'] });
    expect(preview.sample).toEqual([['first', 'x', '10'], ['semi; colon', 'y', '11'], ['2,5', null, '12'], [null, 'z', '13']]);
    const mapping = ['label', null, 'id'];
    expect(await service.importTable({ connectionId: other, importId: `${engineCase.engine}-mapped`, table: copy, path: file, options: { header: false, delimiter: ';', emptyAsNull: false }, columns: mapping }, () => {})).toEqual({ rows: 4 });
    const stored = await runOk(service, other, `SELECT id, label, amount FROM ${engineCase.copyTable} ORDER BY id`);
    // emptyAsNull off: the last line's unquoted empty label is the empty string; amount got its default.
    expect(stored.rows[0]).toEqual([['10', 'first', null], ['11', 'semi; colon', null], ['12', '2,5', null], ['13', '', null]]);
    await runOk(service, other, `DELETE FROM ${engineCase.copyTable}`);

    await expect(service.importTable({ connectionId: other, importId: `${engineCase.engine}-twice`, table: copy, path: file, options: { header: false }, columns: ['id', null, 'id'] }, () => {})).rejects.toMatchObject({
      code: 'VALIDATION', message: 'file columns 1 and 3 both fill id: leave one of them out; nothing was imported',
    });
    await expect(service.importTable({ connectionId: other, importId: `${engineCase.engine}-short-map`, table: copy, path: file, options: { header: false }, columns: ['id', 'label'] }, () => {})).rejects.toMatchObject({
      code: 'VALIDATION', message: expect.stringMatching(/^the import maps 2 file columns, but line 1 has 3/),
    });
    expect((await runOk(service, other, `SELECT count(*) FROM ${engineCase.copyTable}`)).rows[0]).toEqual([['0']]);
  });

  it('cancelling an import rolls back every row already sent', async () => {
    const { file } = await exportTo('to-cancel.csv', { format: 'csv' });
    const importId = `${engineCase.engine}-cancel-import`;
    let cancelled: Promise<unknown> | null = null;
    const running = service.importTable({ connectionId: other, importId, table: { schema: null, name: engineCase.copyTable }, path: file }, () => {
      cancelled ??= service.cancelImport({ importId });
    });
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await cancelled).toEqual({ cancelled: true });
    expect((await runOk(service, other, `SELECT count(*) FROM ${engineCase.copyTable}`)).rows[0]).toEqual([['0']]);
  });

  it('applies the browser\'s filters and sort, and writes CSV with NULL apart from the empty string', async () => {
    const { outcome, text } = await exportTo('filtered.csv', {
      format: 'csv',
      filters: [{ column: 'id', op: '<', value: '5' }],
      sort: [{ column: 'id', direction: 'desc' }],
    });
    expect(outcome.rows).toBe(4);
    const lines = text().split('\r\n');
    expect(lines[0]).toBe('id,label,amount,flag,raw,doc,at');
    // Quoted only where a field needs it; numbers exactly as the server gave them.
    expect(lines[1]).toBe('4,emoji 🦫 and RTL שלום \\ backslash,0.0000000000,' + (engineCase.engine === 'postgres' ? 'true' : '1') + ',,[],');
    // Row 3 is all NULL but its id and time: empty fields, no quotes.
    expect(lines.find((line) => line.startsWith('3,'))).toMatch(/^3,,,,,,/);
    // Row 2's empty label is a quoted empty string.
    expect(lines.find((line) => line.startsWith('2,'))).toMatch(/^2,"",/);
    expect(lines.map((line) => line.split(',')[0]).slice(1, 5)).toEqual(['4', '3', '2', '1']);
  });

  it('writes JSON with exact numbers, embedded JSON and binary as hex', async () => {
    const { outcome, text } = await exportTo('head.json', { format: 'json', filters: [{ column: 'id', op: '<=', value: '2' }], sort: [{ column: 'id', direction: 'asc' }] });
    expect(outcome.rows).toBe(2);
    const body = text();
    // The decimal keeps every digit: JSON.parse would round it, so the text is checked.
    expect(body).toContain('"amount":12345678901234567890.0123456789');
    const rows = JSON.parse(body) as Record<string, unknown>[];
    expect(rows.map((row) => row.id)).toEqual([1, 2]);
    expect(rows[0]!.raw).toBe('\\x00ff10');
    expect(rows[1]!.label).toBe('');
    if (engineCase.engine === 'postgres') expect(rows[0]!.doc).toEqual({ a: [1, 2.5, null] });
  });

  it('an export that matches no row still writes a valid, empty file', async () => {
    const { outcome, text } = await exportTo('none.json', { format: 'json', filters: [{ column: 'id', op: '<', value: '0' }] });
    expect(outcome.rows).toBe(0);
    expect(JSON.parse(text())).toEqual([]);
  });

  it('cancel stops the export and leaves neither the file nor a temporary one; the connection stays usable', async () => {
    const file = path.join(dir.path, `${engineCase.engine}-cancelled.csv`);
    const exportId = `${engineCase.engine}-cancel`;
    let cancelled: Promise<unknown> | null = null;
    // Cancelled as soon as the first rows reach the file.
    const running = service.exportTable({ connectionId, exportId, table, format: 'csv' }, file, () => {
      cancelled ??= service.cancelExport({ exportId });
    });
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await cancelled).toEqual({ cancelled: true });
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir.path).filter((name) => name.endsWith('.partial'))).toEqual([]);
    const after = await runOk(service, connectionId, 'SELECT 1 AS still_here');
    expect(after.rows[0]).toEqual([['1']]);
  });

  it('a cancel sent before the export starts stops it at once', async () => {
    const exportId = `${engineCase.engine}-early`;
    expect(await service.cancelExport({ exportId })).toEqual({ cancelled: false });
    const file = path.join(dir.path, `${engineCase.engine}-early.csv`);
    await expect(service.exportTable({ connectionId, exportId, table }, file, () => {})).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(existsSync(file)).toBe(false);
  });

  it('a folder that cannot be written gets EXPORT_FAILED naming it, and nothing is left behind', async () => {
    const file = path.join(dir.path, 'no such folder', 'x.csv');
    await expect(service.exportTable({ connectionId, exportId: `${engineCase.engine}-nofolder`, table }, file, () => {})).rejects.toMatchObject({
      code: 'EXPORT_FAILED',
      message: expect.stringContaining(path.join(dir.path, 'no such folder')),
    });
  });

  it('a writer that asks the driver to wait gets every row, in order (backpressure through the tunnel)', async () => {
    const { sink, seen, stats } = waitingWriter(5000, 30);
    const live = (service as unknown as { connections: Map<string, { connection: { run(sql: string, o: object, s: RunSink): Promise<void> } }> }).connections.get(other)!;
    await live.connection.run(`SELECT id FROM ${quoted('Export me')} ORDER BY id`, { rowLimit: null }, sink);
    expect(stats.waits).toBeGreaterThanOrEqual(5);
    // The driver really paused: no row arrived while the writer asked it to wait.
    expect(stats.pushedWhileWaiting).toBe(0);
    expect(seen.length).toBe(PLAIN_ROWS + 4);
    expect(seen.every((id, index) => id === String(index + 1))).toBe(true);
  });
});

describe('table export from a SQLite file', () => {
  const service = new QueryService();

  afterAll(() => service.closeAll());

  it('writes SQL INSERTs that load into an identical copy, and CSV with NULL apart from the empty string', async () => {
    const file = path.join(dir.path, 'source.sqlite');
    const db = new Database(file);
    db.exec(`CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT, price REAL, blob BLOB);
      INSERT INTO items VALUES (1, 'it''s, "quoted"', 1.25, x'00ff'), (2, '', NULL, NULL), (3, NULL, -3, x'');
      WITH RECURSIVE n(i) AS (SELECT 4 UNION ALL SELECT i + 1 FROM n WHERE i < 5003) INSERT INTO items SELECT i, 'item ' || i, i / 4.0, NULL FROM n;
      CREATE TABLE copy AS SELECT * FROM items WHERE 0;`);
    db.close();
    const { connectionId } = await service.connect({ engine: 'sqlite', database: file }, { kind: 'file' });
    const table = { schema: 'main', name: 'items' };
    const sqlFile = path.join(dir.path, 'items.sql');
    expect(await service.exportTable({ connectionId, exportId: 'sqlite-sql', table, format: 'sql' }, sqlFile, () => {})).toMatchObject({ rows: 5003 });
    const csvFile = path.join(dir.path, 'items.csv');
    await service.exportTable({ connectionId, exportId: 'sqlite-csv', table, format: 'csv', sort: [{ column: 'id', direction: 'asc' }] }, csvFile, () => {});
    expect(readFileSync(csvFile, 'utf8').split('\r\n').slice(0, 4)).toEqual(['id,label,price,blob', '1,"it\'s, ""quoted""",1.25,\\x00ff', '2,"",,', '3,,-3,\\x']);

    const check = new Database(file);
    check.exec(readFileSync(sqlFile, 'utf8').replaceAll('INSERT INTO "main"."items" ', 'INSERT INTO copy '));
    const differing = check.prepare('SELECT (SELECT count(*) FROM (SELECT * FROM items EXCEPT SELECT * FROM copy)) + (SELECT count(*) FROM (SELECT * FROM copy EXCEPT SELECT * FROM items)) AS n').get() as { n: number };
    const copied = check.prepare('SELECT count(*) AS n FROM copy').get() as { n: number };
    check.close();
    expect(differing.n).toBe(0);
    expect(copied.n).toBe(5003);

    // Its CSV export imports back whole too (binary through unhex()).
    await runOk(service, connectionId, 'CREATE TABLE from_csv (id INTEGER PRIMARY KEY, label TEXT, price REAL, blob BLOB)');
    expect(await service.importTable({ connectionId, importId: 'sqlite-import', table: { schema: 'main', name: 'from_csv' }, path: csvFile }, () => {})).toEqual({ rows: 5003 });
    const same = await runOk(service, connectionId, 'SELECT (SELECT count(*) FROM (SELECT * FROM items EXCEPT SELECT * FROM from_csv)) + (SELECT count(*) FROM (SELECT * FROM from_csv EXCEPT SELECT * FROM items))');
    expect(same.rows[0]).toEqual([['0']]);
  });
});

describe('query export (every row of a query, sent again) over the SSH tunnel', () => {
  const service = new QueryService();
  let connectionId: string;

  beforeAll(async () => {
    ({ connectionId } = await service.connect(cases[0]!.config(), transportFor('tunnel', postgres.host, postgres.port, () => ssh.tunnel)));
  });
  afterAll(() => service.closeAll());

  it('streams every row of a reading statement, past any row limit', async () => {
    const file = path.join(dir.path, 'query-all.json');
    const outcome = await service.exportQuery({ connectionId, exportId: 'q-all', sql: 'SELECT g AS n FROM generate_series(1, 12345) g', format: 'json' }, file, () => {});
    expect(outcome).toMatchObject({ path: file, rows: 12_345 });
    const rows = JSON.parse(readFileSync(file, 'utf8')) as { n: number }[];
    expect(rows.at(-1)).toEqual({ n: 12_345 });
  });

  it('refuses SQL that writes or holds several statements, before anything is sent', async () => {
    await runOk(service, connectionId, 'CREATE TABLE IF NOT EXISTS keep_me (n int); INSERT INTO keep_me VALUES (1)');
    for (const sql of ['DELETE FROM keep_me RETURNING *', 'SELECT 1; DELETE FROM keep_me']) {
      await expect(service.exportQuery({ connectionId, exportId: `q-${sql.length}`, sql }, path.join(dir.path, 'never.csv'), () => {})).rejects.toMatchObject({ code: 'VALIDATION' });
    }
    expect(existsSync(path.join(dir.path, 'never.csv'))).toBe(false);
    expect((await runOk(service, connectionId, 'SELECT count(*) FROM keep_me')).rows[0]).toEqual([['1']]);
  });
});
