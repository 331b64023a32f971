import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../shared/profile';
import type { DbConnectConfigInput, TableInfo } from '../../../shared/query';
import { createTableSql } from '../../../shared/sql/createTable';
import { structureChangeSql, type StructureChange } from '../../../shared/sql/structureChanges';
import { QueryService } from '../../../electron/core/db/queryService';
import type { DbTransport } from '../../../electron/core/db/types';
import { makeTempDir, startMariadb, startPostgres, type MariadbServer, type PostgresServer, type TempDir } from '../../env';
import { runOk, runToEnd } from './dbRig';

let postgres: PostgresServer;
let mariadb: MariadbServer;
let dir: TempDir;

beforeAll(async () => {
  dir = makeTempDir('structure-changes');
  [postgres, mariadb] = await Promise.all([startPostgres(), startMariadb()]);
});

afterAll(async () => {
  await Promise.all([postgres?.stop(), mariadb?.stop()]);
  dir?.remove();
});

interface EngineCase {
  engine: Engine;
  schema: () => string;
  setup: string;
  connect(): { config: DbConnectConfigInput; transport: DbTransport };
  /** The type the engine reports for `varchar(40)`. */
  varchar40: string;
}

const cases: EngineCase[] = [
  {
    engine: 'postgres',
    schema: () => 'public',
    setup: "CREATE TABLE parts (id serial PRIMARY KEY, label text NOT NULL DEFAULT 'x', qty integer); INSERT INTO parts (label, qty) VALUES ('bolt', 3), ('nut', NULL)",
    connect: () => ({
      config: { engine: 'postgres', host: postgres.host, port: postgres.port, user: postgres.user, password: postgres.password, database: postgres.database, tls: { mode: 'disable' } },
      transport: { kind: 'tcp', host: postgres.host, port: postgres.port },
    }),
    varchar40: 'character varying(40)',
  },
  {
    engine: 'mariadb',
    schema: () => mariadb.database,
    setup: "CREATE TABLE parts (id INT AUTO_INCREMENT PRIMARY KEY, label VARCHAR(100) NOT NULL DEFAULT 'x', qty INT) ENGINE=InnoDB; INSERT INTO parts (label, qty) VALUES ('bolt', 3), ('nut', NULL)",
    connect: () => ({
      config: { engine: 'mariadb', host: mariadb.host, port: mariadb.port, user: mariadb.user, password: mariadb.password, database: mariadb.database, tls: { mode: 'disable' } },
      transport: { kind: 'tcp', host: mariadb.host, port: mariadb.port },
    }),
    varchar40: 'varchar(40)',
  },
  {
    engine: 'sqlite',
    schema: () => 'main',
    setup: "CREATE TABLE parts (id INTEGER PRIMARY KEY, label TEXT NOT NULL DEFAULT 'x', qty INTEGER); INSERT INTO parts (label, qty) VALUES ('bolt', 3), ('nut', NULL)",
    connect: () => ({ config: { engine: 'sqlite', database: dir.join('parts.db') }, transport: { kind: 'file' } }),
    varchar40: 'varchar(40)',
  },
];

describe.each(cases)('structure changes on $engine', (engineCase) => {
  const service = new QueryService();
  let connectionId: string;
  const table = (): { schema: string; name: string } => ({ schema: engineCase.schema(), name: 'parts' });
  const apply = async (change: StructureChange): Promise<void> => {
    await runOk(service, connectionId, structureChangeSql(engineCase.engine, table(), change).join(';\n'));
  };
  const parts = async (): Promise<TableInfo> => (await service.introspect({ connectionId, schema: engineCase.schema() })).tables.find((t) => t.name === 'parts')!;

  beforeAll(async () => {
    if (engineCase.engine === 'sqlite') {
      const { default: Database } = await import('better-sqlite3');
      new Database(dir.join('parts.db')).close();
    }
    const { config, transport } = engineCase.connect();
    ({ connectionId } = await service.connect(config, transport));
    await runOk(service, connectionId, engineCase.setup);
  });
  afterAll(() => service.closeAll());

  it('creates a table whose auto-increment key numbers new rows, with NOT NULL and a default', async () => {
    const keyType = { postgres: 'integer', mariadb: 'int', mysql: 'int', sqlite: 'INTEGER', sqlserver: 'int' }[engineCase.engine];
    await runOk(service, connectionId, createTableSql(engineCase.engine, { schema: engineCase.schema(), name: 'New Bins' }, [
      { name: 'id', type: keyType, nullable: false, default: null, primaryKey: true, autoIncrement: true },
      { name: 'code', type: 'varchar(40)', nullable: false, default: null, primaryKey: false, autoIncrement: false },
      { name: 'size', type: 'integer', nullable: true, default: '7', primaryKey: false, autoIncrement: false },
    ]));
    const created = (await service.introspect({ connectionId, schema: engineCase.schema() })).tables.find((t) => t.name === 'New Bins')!;
    expect(created.columns.map((c) => [c.name, c.nullable, c.primaryKey])).toEqual([['id', false, true], ['code', false, false], ['size', true, false]]);
    const bins = engineCase.engine === 'mariadb' ? '`New Bins`' : '"New Bins"';
    await runOk(service, connectionId, `INSERT INTO ${bins} (code) VALUES ('a'); INSERT INTO ${bins} (code) VALUES ('b')`);
    expect((await runOk(service, connectionId, `SELECT id, code, size FROM ${bins} ORDER BY id`)).rows[0]).toEqual([['1', 'a', '7'], ['2', 'b', '7']]);
    expect((await runToEnd(service, connectionId, `INSERT INTO ${bins} (size) VALUES (1)`)).status.error?.code).toBe('QUERY_FAILED');
  });

  it('adds a column with a default that existing rows take, renames it, and drops it', async () => {
    await apply({ kind: 'addColumn', column: { name: 'Bin "A"', type: 'varchar(40)', nullable: false, default: "'shelf'" } });
    let info = await parts();
    expect(info.columns.find((c) => c.name === 'Bin "A"')).toMatchObject({ dataType: engineCase.varchar40, nullable: false });
    expect((await runOk(service, connectionId, 'SELECT count(*) FROM parts WHERE ' + (engineCase.engine === 'mariadb' ? '`Bin "A"`' : '"Bin ""A"""') + " = 'shelf'")).rows[0]).toEqual([['2']]);

    const bin = info.columns.find((c) => c.name === 'Bin "A"')!;
    await apply({ kind: 'alterColumn', before: { name: bin.name, type: bin.dataType, nullable: bin.nullable, default: bin.default }, after: { name: 'bin', type: bin.dataType, nullable: bin.nullable, default: bin.default } });
    info = await parts();
    expect(info.columns.map((c) => c.name)).toEqual(['id', 'label', 'qty', 'bin']);

    await apply({ kind: 'dropColumn', name: 'bin', cascade: false });
    expect((await parts()).columns.map((c) => c.name)).toEqual(['id', 'label', 'qty']);
  });

  it('adds a unique index the server then enforces, and drops it', async () => {
    await apply({ kind: 'addIndex', name: 'parts_label_key', columns: ['label'], unique: true });
    expect((await parts()).indexes.find((i) => i.name === 'parts_label_key')).toMatchObject({ columns: ['label'], unique: true, primary: false });
    const duplicate = await runToEnd(service, connectionId, "INSERT INTO parts (label) VALUES ('bolt')");
    expect(duplicate.status.error?.code).toBe('QUERY_FAILED');
    await apply({ kind: 'dropIndex', name: 'parts_label_key' });
    expect((await parts()).indexes.map((i) => i.name)).not.toContain('parts_label_key');
    await runOk(service, connectionId, "INSERT INTO parts (label) VALUES ('bolt')");
  });

  it('changes a default in place where the engine can, and the next row takes it (SQLite cannot: refused, saying so)', async () => {
    const label = (await parts()).columns.find((c) => c.name === 'label')!;
    const before = { name: 'label', type: label.dataType, nullable: label.nullable, default: label.default };
    const change: StructureChange = { kind: 'alterColumn', before, after: { ...before, default: "'unnamed'" } };
    if (engineCase.engine === 'sqlite') {
      expect(() => structureChangeSql('sqlite', table(), change)).toThrow('its default: not changed in place on this engine; write the ALTER TABLE yourself');
      return;
    }
    await apply(change);
    await runOk(service, connectionId, 'INSERT INTO parts (qty) VALUES (9)');
    expect((await runOk(service, connectionId, 'SELECT label FROM parts WHERE qty = 9')).rows[0]).toEqual([['unnamed']]);
  });

  it('changes type and NULL in one statement on PostgreSQL, all or nothing; the others refuse, saying why', async () => {
    const qty = (await parts()).columns.find((c) => c.name === 'qty')!;
    const before = { name: 'qty', type: qty.dataType, nullable: true, default: qty.default };
    const change: StructureChange = { kind: 'alterColumn', before, after: { ...before, type: 'bigint', nullable: false } };
    if (engineCase.engine !== 'postgres') {
      expect(() => structureChangeSql(engineCase.engine, table(), change)).toThrow(/^its type, whether it takes NULL: not changed in place on this engine/);
      return;
    }
    // NOT NULL fails on the NULL row, so the type change in the same statement does not happen either.
    const refused = await runToEnd(service, connectionId, structureChangeSql('postgres', table(), change).join(';\n'));
    expect(refused.status.error).toMatchObject({ code: 'QUERY_FAILED', message: expect.stringContaining('contains null values') });
    expect((await parts()).columns.find((c) => c.name === 'qty')?.dataType).toBe('integer');
    await runOk(service, connectionId, 'UPDATE parts SET qty = 0 WHERE qty IS NULL');
    await apply(change);
    expect((await parts()).columns.find((c) => c.name === 'qty')).toMatchObject({ dataType: 'bigint', nullable: false });
  });
});
