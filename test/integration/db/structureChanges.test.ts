import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../shared/profile';
import type { DbConnectConfigInput, TableInfo } from '../../../shared/query';
import { createTableSql } from '../../../shared/sql/createTable';
import { sqliteRebuildScript } from '../../../shared/sql/sqliteRebuild';
import { structureChangeSql, type ColumnSpec, type StructureChange } from '../../../shared/sql/structureChanges';
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
    setup: "CREATE TABLE parts (id INT AUTO_INCREMENT PRIMARY KEY, label VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT 'x' COMMENT 'it''s the label', qty INT) ENGINE=InnoDB; INSERT INTO parts (label, qty) VALUES ('bolt', 3), ('nut', NULL)",
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

  it('adds a foreign key whose ON DELETE CASCADE the server then applies, and drops it (SQLite refuses, saying why)', async () => {
    const foreignKey = {
      name: 'parts_owner_fkey', columns: ['owner_id'], referencedTable: { schema: engineCase.schema(), name: 'owners' },
      referencedColumns: ['id'], onDelete: 'CASCADE' as const, onUpdate: 'NO ACTION' as const,
    };
    if (engineCase.engine === 'sqlite') {
      expect(() => structureChangeSql('sqlite', table(), { kind: 'addForeignKey', foreignKey })).toThrow('SQLite cannot add a foreign key without rebuilding the table');
      return;
    }
    await runOk(service, connectionId, 'CREATE TABLE owners (id int PRIMARY KEY); INSERT INTO owners VALUES (1), (2)');
    await apply({ kind: 'addColumn', column: { name: 'owner_id', type: 'int', nullable: true, default: null } });
    await runOk(service, connectionId, "INSERT INTO parts (label, owner_id) VALUES ('owned 1', 1), ('owned 2', 2)");
    await apply({ kind: 'addForeignKey', foreignKey });
    expect((await parts()).foreignKeys).toEqual([expect.objectContaining({ name: 'parts_owner_fkey', columns: ['owner_id'], referencedTable: 'owners', referencedColumns: ['id'] })]);
    expect((await runToEnd(service, connectionId, 'INSERT INTO parts (label, owner_id) VALUES (\'nobody\', 99)')).status.error?.code).toBe('QUERY_FAILED');
    await runOk(service, connectionId, 'DELETE FROM owners WHERE id = 1');
    expect((await runOk(service, connectionId, 'SELECT label FROM parts WHERE owner_id IS NOT NULL ORDER BY label')).rows[0]).toEqual([['owned 2']]);
    await apply({ kind: 'dropForeignKey', name: 'parts_owner_fkey' });
    expect((await parts()).foreignKeys).toEqual([]);
    await runOk(service, connectionId, "INSERT INTO parts (label, owner_id) VALUES ('nobody', 99)");
    await runOk(service, connectionId, 'DELETE FROM parts WHERE owner_id IS NOT NULL');
    await apply({ kind: 'dropColumn', name: 'owner_id', cascade: false });
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

  it('changes type and NULL: PostgreSQL in one all-or-nothing statement, MariaDB restating the rest of the column; SQLite refuses, saying why', async () => {
    const spec = async (name: string): Promise<ColumnSpec> => {
      const column = (await parts()).columns.find((c) => c.name === name)!;
      return { name, type: column.dataType, nullable: column.nullable, default: column.default, ...(column.mysql ? { mysql: column.mysql } : {}) };
    };
    const qty = await spec('qty');
    const change: StructureChange = { kind: 'alterColumn', before: qty, after: { ...qty, type: 'bigint', nullable: false } };
    if (engineCase.engine === 'sqlite') {
      expect(() => structureChangeSql('sqlite', table(), change)).toThrow(/^its type, whether it takes NULL: not changed in place on this engine/);
      return;
    }
    // NOT NULL fails on the NULL row, so the type does not change either.
    const refused = await runToEnd(service, connectionId, structureChangeSql(engineCase.engine, table(), change).join(';\n'));
    expect(refused.status.error?.code).toBe('QUERY_FAILED');
    expect((await spec('qty')).type).toBe(qty.type);
    await runOk(service, connectionId, 'UPDATE parts SET qty = 0 WHERE qty IS NULL');
    await apply(change);
    expect(await spec('qty')).toMatchObject({ type: engineCase.engine === 'mariadb' ? 'bigint(20)' : 'bigint', nullable: false });
    if (engineCase.engine !== 'mariadb') return;

    // What a MODIFY would otherwise drop stays: the label's character set, collation and comment, the key's AUTO_INCREMENT.
    const label = await spec('label');
    await apply({ kind: 'alterColumn', before: label, after: { ...label, type: 'varchar(120)' } });
    const info = (await parts()).columns.find((c) => c.name === 'label')!;
    expect(info).toMatchObject({ dataType: 'varchar(120)', nullable: false, default: label.default, mysql: { comment: "it's the label", charset: 'utf8mb4', collation: 'utf8mb4_bin' } });
    const id = await spec('id');
    await apply({ kind: 'alterColumn', before: id, after: { ...id, type: 'bigint' } });
    await runOk(service, connectionId, "INSERT INTO parts (label, qty) VALUES ('washer', 1)");
    expect((await runOk(service, connectionId, "SELECT id > 2 FROM parts WHERE label = 'washer'")).rows[0]).toEqual([['1']]);
    expect((await parts()).columns.find((c) => c.name === 'id')).toMatchObject({ dataType: 'bigint(20)', mysql: { extra: 'auto_increment' } });
  });
});

describe('a SQLite rebuild script, run as the user would run it from a query tab', () => {
  const service = new QueryService();
  afterAll(() => service.closeAll());

  it('changes a column\'s type, NULL and default, keeping every row, the key, and the indexes (a UNIQUE one enforced again)', async () => {
    const { default: Database } = await import('better-sqlite3');
    const file = dir.join('rebuild.db');
    const db = new Database(file);
    db.exec(`CREATE TABLE stock (id INTEGER PRIMARY KEY, qty TEXT, code TEXT UNIQUE);
      CREATE INDEX stock_qty ON stock (qty);
      INSERT INTO stock (qty, code) VALUES ('3', 'a'), ('12', 'b'), ('7', 'c');`);
    db.close();
    const { connectionId } = await service.connect({ engine: 'sqlite', database: file }, { kind: 'file' });
    const info = (await service.introspect({ connectionId })).tables.find((t) => t.name === 'stock')!;
    const script = sqliteRebuildScript(info, { name: 'qty', type: 'TEXT', nullable: true, default: null }, { name: 'qty', type: 'INTEGER', nullable: false, default: '0' });
    await runOk(service, connectionId, script);
    const after = (await service.introspect({ connectionId })).tables.find((t) => t.name === 'stock')!;
    expect(after.columns.map((c) => [c.name, c.dataType, c.nullable, c.default, c.primaryKey])).toEqual([
      ['id', 'INTEGER', false, null, true], ['qty', 'INTEGER', false, '0', false], ['code', 'TEXT', true, null, false],
    ]);
    expect(after.indexes.map((i) => [i.name, i.unique])).toEqual(expect.arrayContaining([['stock_qty', false], ['stock_code_key', true]]));
    // The rows are all there, now as integers (sorted as numbers, not text).
    expect((await runOk(service, connectionId, 'SELECT id, qty, typeof(qty) FROM stock ORDER BY qty')).rows[0]).toEqual([['1', '3', 'integer'], ['3', '7', 'integer'], ['2', '12', 'integer']]);
    expect((await runToEnd(service, connectionId, "INSERT INTO stock (code) VALUES ('a')")).status.error?.code).toBe('QUERY_FAILED');
    await runOk(service, connectionId, "INSERT INTO stock (code) VALUES ('d')");
    expect((await runOk(service, connectionId, "SELECT id, qty FROM stock WHERE code = 'd'")).rows[0]).toEqual([['4', '0']]);
  });
});
