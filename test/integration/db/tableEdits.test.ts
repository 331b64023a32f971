import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../shared/profile';
import type { DbConnectConfigInput } from '../../../shared/query';
import { QueryService } from '../../../electron/core/db/queryService';
import type { DbTransport } from '../../../electron/core/db/types';
import { makeTempDir, startMariadb, startPostgres, type MariadbServer, type PostgresServer, type TempDir } from '../../env';
import { runOk, runToEnd, startSshRig, transportFor, type SshRig } from './dbRig';

let postgres: PostgresServer;
let mariadb: MariadbServer;
let ssh: SshRig;
let dir: TempDir;

beforeAll(async () => {
  dir = makeTempDir('table-edits');
  [postgres, mariadb, ssh] = await Promise.all([startPostgres(), startMariadb(), startSshRig()]);
});

afterAll(async () => {
  await Promise.all([postgres?.stop(), mariadb?.stop(), ssh?.stop()]);
  dir?.remove();
});

interface EngineCase {
  engine: Engine;
  schema: () => string;
  /** The table and its three rows; `note` is NOT NULL with a default, the others have defaults too. */
  setup: string;
  begin: string;
  connect(): { config: DbConnectConfigInput; transport: DbTransport };
}

const cases: EngineCase[] = [
  {
    engine: 'postgres',
    schema: () => 'edits',
    setup: `CREATE SCHEMA edits;
      CREATE TABLE edits.items (id serial PRIMARY KEY, name text DEFAULT 'unnamed', qty int DEFAULT 5, note text NOT NULL DEFAULT '');
      INSERT INTO edits.items (name, qty) VALUES ('apple', 1), ('pear', 2), ('plum', 3)`,
    begin: 'BEGIN',
    connect: () => ({
      config: { engine: 'postgres', host: postgres.host, port: postgres.port, user: postgres.user, password: postgres.password, database: postgres.database, tls: { mode: 'disable' } },
      transport: transportFor('tunnel', postgres.host, postgres.port, () => ssh.tunnel),
    }),
  },
  {
    engine: 'mariadb',
    schema: () => mariadb.database,
    setup: `CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) DEFAULT 'unnamed', qty INT DEFAULT 5, note VARCHAR(100) NOT NULL DEFAULT '') ENGINE=InnoDB;
      INSERT INTO items (name, qty) VALUES ('apple', 1), ('pear', 2), ('plum', 3)`,
    begin: 'START TRANSACTION',
    connect: () => ({
      config: { engine: 'mariadb', host: mariadb.host, port: mariadb.port, user: mariadb.user, password: mariadb.password, database: mariadb.database, tls: { mode: 'disable' } },
      transport: transportFor('tunnel', mariadb.host, mariadb.port, () => ssh.tunnel),
    }),
  },
  {
    engine: 'sqlite',
    schema: () => 'main',
    setup: `CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT DEFAULT 'unnamed', qty INTEGER DEFAULT 5, note TEXT NOT NULL DEFAULT '');
      INSERT INTO items (name, qty) VALUES ('apple', 1), ('pear', 2), ('plum', 3)`,
    begin: 'BEGIN',
    connect: () => {
      new Database(dir.join('edits.db')).close();
      return { config: { engine: 'sqlite', database: dir.join('edits.db') }, transport: { kind: 'file' } };
    },
  },
];

describe.each(cases)('saving table edits: $engine', (c) => {
  const service = new QueryService();
  let connectionId: string;
  const table = (): { schema: string; name: string } => ({ schema: c.schema(), name: 'items' });
  const rows = async (): Promise<unknown[][]> => {
    const from = c.engine === 'postgres' ? 'edits.items' : 'items';
    return (await runOk(service, connectionId, `SELECT id, name, qty, note FROM ${from} ORDER BY id`)).rows[0]!;
  };

  beforeAll(async () => {
    const { config, transport } = c.connect();
    connectionId = (await service.connect(config, transport)).connectionId;
    await runOk(service, connectionId, c.setup);
  });
  afterAll(() => service.closeAll());

  it('applies updates, inserts and deletes in order, values converted by the server, NULL kept', async () => {
    const result = await service.edit({
      connectionId,
      table: table(),
      edits: [
        { kind: 'update', key: { id: '1' }, set: { name: 'green apple', qty: '10' } },
        { kind: 'update', key: { id: '2' }, set: { name: null } },
        { kind: 'insert', values: { name: 'quince', qty: '7', note: 'new' } },
        { kind: 'insert', values: {} },
        { kind: 'delete', key: { id: '3' } },
      ],
    });
    expect(result).toEqual({ updated: 2, inserted: 2, deleted: 1 });
    expect(await rows()).toEqual([
      ['1', 'green apple', '10', ''],
      ['2', null, '2', ''],
      ['4', 'quince', '7', 'new'],
      ['5', 'unnamed', '5', ''],
    ]);
  });

  it('counts an update to the value the row already has as found, not as a conflict', async () => {
    expect(await service.edit({ connectionId, table: table(), edits: [{ kind: 'update', key: { id: '4' }, set: { qty: '7' } }] })).toEqual({ updated: 1, inserted: 0, deleted: 0 });
  });

  it('a row changed or deleted since it was read fails the whole save as CONFLICT, and nothing is applied', async () => {
    const before = await rows();
    const error = await service.edit({
      connectionId,
      table: table(),
      edits: [
        { kind: 'update', key: { id: '1' }, set: { name: 'not kept' } },
        { kind: 'delete', key: { id: '99' } },
      ],
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFLICT', detail: { editIndex: 1 } });
    expect((error as Error).message).toMatch(/^change 2 \(delete of the row with id = "99"\) found no such row: it was changed or deleted since it was read; nothing was saved$/);
    expect(await rows()).toEqual(before);
  });

  it('a server error names the change, keeps the server\'s code, and rolls back', async () => {
    const before = await rows();
    const error = await service.edit({
      connectionId,
      table: table(),
      edits: [
        { kind: 'insert', values: { name: 'not kept' } },
        { kind: 'update', key: { id: '2' }, set: { note: null } },
      ],
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'QUERY_FAILED', detail: { editIndex: 1 } });
    expect((error as Error).message).toMatch(/^change 2 \(update\): .*note.*; nothing was saved$/is);
    expect(await rows()).toEqual(before);
    // Quoting keeps a hostile column name a name: the statement fails, nothing else runs.
    await expect(service.edit({ connectionId, table: table(), edits: [{ kind: 'update', key: { id: '1' }, set: { 'name = name; DROP TABLE items; --': 'x' } }] })).rejects.toMatchObject({ code: 'QUERY_FAILED' });
    expect(await rows()).toEqual(before);
  });

  it('refuses to save while a transaction begun in a query tab is open, and never ends it', async () => {
    await runOk(service, connectionId, c.begin);
    const from = c.engine === 'postgres' ? 'edits.items' : 'items';
    await runOk(service, connectionId, `UPDATE ${from} SET qty = 42 WHERE id = 1`);
    await expect(service.edit({ connectionId, table: table(), edits: [{ kind: 'delete', key: { id: '1' } }] })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/transaction open .* COMMIT or ROLLBACK it there/),
    });
    // The user's transaction is still theirs to end: rolling it back undoes their own change.
    await runOk(service, connectionId, 'ROLLBACK');
    expect((await rows())[0]).toEqual(['1', 'green apple', '10', '']);
    expect(await service.edit({ connectionId, table: table(), edits: [{ kind: 'delete', key: { id: '1' } }] })).toEqual({ updated: 0, inserted: 0, deleted: 1 });
    expect((await rows()).map((row) => row[0])).toEqual(['2', '4', '5']);
  });

  it('refuses a bad request with VALIDATION before touching the database', async () => {
    await expect(service.edit({ connectionId, table: table(), edits: [] })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(service.edit({ connectionId, table: table(), edits: [{ kind: 'update', key: {}, set: { name: 'x' } }] })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(service.edit({ connectionId, table: table(), edits: [{ kind: 'update', key: { id: '2' }, set: {} }] })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await runToEnd(service, connectionId, 'SELECT 1')).status.state).toBe('done');
  });
});
