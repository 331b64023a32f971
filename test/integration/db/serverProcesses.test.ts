import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnectConfigInput } from '../../../shared/query';
import type { ServerProcess } from '../../../shared/serverProcesses';
import { QueryService } from '../../../electron/core/db/queryService';
import { startMariadb, startPostgres, type MariadbServer, type PostgresServer } from '../../env';
import { runOk, runToEnd } from './dbRig';

let postgres: PostgresServer;
let mariadb: MariadbServer;

beforeAll(async () => {
  [postgres, mariadb] = await Promise.all([startPostgres(), startMariadb()]);
});
afterAll(async () => {
  await Promise.all([postgres?.stop(), mariadb?.stop()]);
});

const cases = [
  {
    engine: 'postgres' as const,
    config: (): DbConnectConfigInput => ({ engine: 'postgres', host: postgres.host, port: postgres.port, user: postgres.user, password: postgres.password, database: postgres.database, tls: { mode: 'disable' } }),
    sleep: 'SELECT pg_sleep(30)',
    endedAs: { state: 'cancelled', message: /cancelled/ },
  },
  {
    engine: 'mariadb' as const,
    config: (): DbConnectConfigInput => ({ engine: 'mariadb', host: mariadb.host, port: mariadb.port, user: mariadb.user, password: mariadb.password, database: mariadb.database, tls: { mode: 'disable' } }),
    sleep: 'SELECT SLEEP(30)',
    endedAs: { state: 'cancelled', message: /cancelled/ },
  },
];

describe.each(cases)('server activity on $engine', (engineCase) => {
  const service = new QueryService();
  const connect = async (): Promise<string> => (await service.connect(engineCase.config(), { kind: 'tcp', host: engineCase.config().host!, port: engineCase.config().port! })).connectionId;
  const list = async (admin: string, ownId: string | null): Promise<ServerProcess[]> => (await service.processes(admin, ownId)).processes;
  afterAll(() => service.closeAll());

  it('lists a running statement of another connection, marked as the session\'s own, and ends it; the connection stays usable', async () => {
    const [tab, admin] = await Promise.all([connect(), connect()]);
    const ownId = service.serverProcessId(tab);
    expect(ownId).toMatch(/^\d+$/);
    const started = service.run({ connectionId: tab, sql: engineCase.sleep, rowLimit: null });
    let mine: ServerProcess | undefined;
    // The statement shows once the server has it.
    for (let attempt = 0; attempt < 50; attempt++) {
      mine = (await list(admin, ownId)).find((p) => p.own);
      if (mine?.query === engineCase.sleep) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(mine).toMatchObject({ id: ownId, own: true, query: engineCase.sleep, user: expect.any(String) });
    expect(mine?.runningMs).toBeGreaterThanOrEqual(0);
    // The asking connection never lists itself.
    expect((await list(admin, ownId)).map((p) => p.id)).not.toContain(service.serverProcessId(admin));

    expect(await service.killProcess(admin, ownId!, 'query')).toEqual({ ended: true });
    const status = await service.wait(started.runId, 10_000);
    expect(status.state).toBe(engineCase.endedAs.state);
    expect(status.error?.message).toMatch(engineCase.endedAs.message);
    expect((await runOk(service, tab, 'SELECT 5')).rows[0]).toEqual([['5']]);
  });

  it('ends another connection\'s whole session: its next statement finds the connection gone', async () => {
    const [victim, admin] = await Promise.all([connect(), connect()]);
    const id = service.serverProcessId(victim)!;
    expect((await list(admin, null)).map((p) => p.id)).toContain(id);
    expect(await service.killProcess(admin, id, 'connection')).toEqual({ ended: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await runToEnd(service, victim, 'SELECT 1');
    expect(after.status.error?.code).toMatch(/^(DB_CONNECTION_LOST|QUERY_FAILED)$/);
    expect((await list(admin, null)).map((p) => p.id)).not.toContain(id);
  });

  it('a process that is not there: PostgreSQL says nothing was ended, MariaDB names the unknown thread', async () => {
    const admin = await connect();
    if (engineCase.engine === 'postgres') {
      expect(await service.killProcess(admin, '999999', 'query')).toEqual({ ended: false });
    } else {
      await expect(service.killProcess(admin, '999999', 'query')).rejects.toMatchObject({ code: 'QUERY_FAILED', message: expect.stringMatching(/Unknown thread id: 999999/) });
    }
  });
});
