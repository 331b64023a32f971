import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { value } from '../../support/value';
import type { EventPayload } from '../../../shared/contract';
import { createCore, type Core } from '../../../electron/core/createCore';
import {
  freePort,
  generateKey,
  listeningSocketsOf,
  makeTempDir,
  startMariadb,
  startPostgres,
  startSshd,
  type MariadbServer,
  type PostgresServer,
  type SshdServer,
  type TempDir,
} from '../../env';
import { MemoryKeychain } from '../../env/memoryKeychain';

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

// The whole path through the contract, as the renderer drives it: import a key, save a profile
// with a 2-hop route, open a session (answering the host-key prompts), run SQL, page rows.
describe('core: connect over SSH through the contract', () => {
  let dir: TempDir;
  let home: TempDir;
  let core: Core;
  let postgres: PostgresServer;
  let mariadb: MariadbServer;
  let bastion: SshdServer;
  let inner: SshdServer;
  const prompts: EventPayload<'prompts.onRequest'>[] = [];
  const states: EventPayload<'sessions.onState'>[] = [];
  const exportProgress: EventPayload<'query.onExportProgress'>[] = [];
  const saveDialogs: { name: string; format: string; title: string | undefined }[] = [];
  /** What the next save dialog answers: a path, or null for Cancel. */
  let savePath: string | null = null;

  beforeAll(async () => {
    dir = makeTempDir('core-ssh');
    home = makeTempDir('core-home');
    const key = await generateKey(dir.path, 'id_ed25519', { comment: 'burrow@test' });
    [postgres, mariadb] = await Promise.all([startPostgres({ host: '127.0.0.4' }), startMariadb({ host: '127.0.0.4' })]);
    const innerPort = await freePort('127.0.0.3');
    [inner, bastion] = await Promise.all([
      startSshd({ authorizedKeys: [key.publicKey], host: '127.0.0.3', port: innerPort }),
      startSshd({ authorizedKeys: [key.publicKey], extraConfig: [`PermitOpen 127.0.0.3:${innerPort}`] }),
    ]);
    core = createCore({
      dataDir: dir.join('data'), appVersion: '0', runtime: 'test-host', electronVersion: null, keychain: new MemoryKeychain(), home: home.path,
      platform: { pickFile: async () => null, pickSavePath: async (name, format, title) => (saveDialogs.push({ name, format, title }), savePath) },
    });
    core.onEvent('query.onExportProgress', (progress) => exportProgress.push(progress));
    core.onEvent('prompts.onRequest', (prompt) => {
      prompts.push(prompt);
      // The user accepts each new host key and asks Burrow to remember it.
      if (prompt.request.kind === 'hostKey') void core.dispatch('prompts.answer', { id: prompt.id, answer: 'trust-always' });
    });
    core.onEvent('sessions.onState', (state) => states.push(state));
    const imported = value<{ id: string }>(await core.dispatch('keys.import', { source: { kind: 'path', path: key.privateKeyPath } }));
    const hops = [
      { id: 'hop-bastion', name: 'bastion', host: bastion.host, port: bastion.port, username: bastion.account.username, auth: [{ type: 'publickey', keyId: imported.id }] },
      { id: 'hop-inner', host: inner.host, port: inner.port, username: inner.account.username, auth: [{ type: 'publickey', keyId: imported.id }] },
    ];
    for (const [name, server, engine] of [['pg', postgres, 'postgres'], ['maria', mariadb, 'mariadb']] as const) {
      value(await core.dispatch('profiles.save', {
        name, engine, host: server.host, port: server.port, database: server.database, user: server.user,
        password: server.password, ssh: { hops: hops.map((h) => ({ ...h, id: `${h.id}-${name}` })) },
      }));
    }
  });

  afterAll(async () => {
    await core?.close();
    await Promise.all([postgres?.stop(), mariadb?.stop(), bastion?.stop(), inner?.stop()]);
    dir?.remove();
    home?.remove();
  });

  type Status = { state: string; results: { resultId: string; rowCount: number; columns: { name: string }[] }[] };
  /** Long-polls query.status until the run has finished. */
  const finished = async (runId: string): Promise<Status> => {
    for (;;) {
      const status = value<Status>(await core.dispatch('query.status', { runId, waitMs: 5_000 }));
      if (['done', 'failed', 'cancelled'].includes(status.state)) return status;
    }
  };

  const profileId = async (name: string): Promise<string> =>
    value<{ id: string; name: string }[]>(await core.dispatch('profiles.list', {})).find((p) => p.name === name)!.id;

  it('opens a PostgreSQL session over two hops, asking about each unknown host key once', async () => {
    const session = value<{ sessionId: string; engine: string; hops: number; serverVersion: string }>(await core.dispatch('sessions.open', { profileId: await profileId('pg') }));
    expect(session).toMatchObject({ engine: 'postgres', hops: 2 });
    expect(session.serverVersion).toMatch(/^PostgreSQL \d+/);
    expect(prompts.map((p) => p.request.kind === 'hostKey' && `${p.request.hop.index}/${p.request.hop.count}`)).toEqual(['1/2', '2/2']);
    expect(value<unknown[]>(await core.dispatch('knownHosts.list', {}))).toHaveLength(2);
    expect(states.filter((s) => s.profileId).map((s) => `${s.part}:${s.state}`)).toEqual(['tunnel:connecting', 'database:connecting', 'database:ready']);

    const run = value<{ runId: string }>(await core.dispatch('query.run', { connectionId: session.sessionId, sql: 'SELECT g AS n, repeat(\'x\', 3) AS s FROM generate_series(1, 5000) g; SELECT 42 AS answer' }));
    const done = await finished(run.runId);
    expect(done.state).toBe('done');
    // The profile's default row limit (1000) cuts the first result.
    expect(done.results.map((r) => [r.columns.map((c) => c.name), r.rowCount])).toEqual([[['n', 's'], 1000], [['answer'], 1]]);
    const window = value<{ rows: unknown[][] }>(await core.dispatch('query.rows', { resultId: done.results[0]!.resultId, offset: 998, limit: 5 }));
    expect(window.rows).toEqual([['999', 'xxx'], ['1000', 'xxx']]);
    expect(listeningSocketsOf('self')).toEqual([]);
  });

  it('a second profile on the same route reuses the SSH session and its trusted keys', async () => {
    const before = prompts.length;
    const session = value<{ sessionId: string; engine: string }>(await core.dispatch('sessions.open', { profileId: await profileId('maria') }));
    expect(session.engine).toBe('mariadb');
    expect(prompts.length).toBe(before);
    const run = value<{ runId: string }>(await core.dispatch('query.run', { connectionId: session.sessionId, sql: 'SELECT VERSION() LIKE \'%MariaDB%\' AS maria' }));
    const status = await finished(run.runId);
    const rows = value<{ rows: unknown[][] }>(await core.dispatch('query.rows', { resultId: status.results[0]!.resultId, offset: 0, limit: 1 }));
    expect(rows.rows).toEqual([['1']]);
    expect(value<{ sessionId: string }[]>(await core.dispatch('sessions.list', {}))).toHaveLength(2);
  });

  it('safe mode checks a typed password against the one the session logged in with, in core', async () => {
    const sessions = value<{ sessionId: string; engine: string }[]>(await core.dispatch('sessions.list', {}));
    const pg = sessions.find((session) => session.engine === 'postgres')!;
    expect(value(await core.dispatch('sessions.checkPassword', { sessionId: pg.sessionId, password: postgres.password }))).toEqual({ matches: true });
    expect(value(await core.dispatch('sessions.checkPassword', { sessionId: pg.sessionId, password: `${postgres.password}x` }))).toEqual({ matches: false });
    expect(await core.dispatch('sessions.checkPassword', { sessionId: 'nope', password: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('runs the profile\'s startup SQL again after the tunnel drops and the session logs in again', async () => {
    const keyId = value<{ id: string }[]>(await core.dispatch('keys.list', {}))[0]!.id;
    value(await core.dispatch('profiles.save', {
      name: 'pg-startup', engine: 'postgres', host: postgres.host, port: postgres.port, database: postgres.database, user: postgres.user,
      password: postgres.password, startupSql: "SET application_name = 'burrow-startup'",
      ssh: {
        keepalive: { intervalSeconds: 1, countMax: 2 },
        hops: [
          { id: 'startup-bastion', host: bastion.host, port: bastion.port, username: bastion.account.username, auth: [{ type: 'publickey', keyId }] },
          { id: 'startup-inner', host: inner.host, port: inner.port, username: inner.account.username, auth: [{ type: 'publickey', keyId }] },
        ],
      },
    }));
    const session = value<{ sessionId: string }>(await core.dispatch('sessions.open', { profileId: await profileId('pg-startup') }));
    const applicationName = async (): Promise<unknown> => {
      const run = value<{ runId: string }>(await core.dispatch('query.run', { connectionId: session.sessionId, sql: 'SHOW application_name' }));
      const status = await finished(run.runId);
      return value<{ rows: unknown[][] }>(await core.dispatch('query.rows', { resultId: status.results[0]!.resultId, offset: 0, limit: 1 })).rows[0]?.[0];
    };
    expect(await applicationName()).toBe('burrow-startup');
    // The activity view's connection is opened now, and must come back after the drop too.
    const ownProcesses = async (): Promise<number> => value<{ processes: { own: boolean }[] }>(await core.dispatch('server.processes', { connectionId: session.sessionId })).processes.filter((p) => p.own).length;
    expect(await ownProcesses()).toBe(1);
    const seen = states.length;
    await bastion.restart();
    const readyAgain = () => states.slice(seen).some((s) => s.sessionId === session.sessionId && s.part === 'database' && s.state === 'ready');
    for (let waited = 0; !readyAgain() && waited < 30_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(states.slice(seen).filter((s) => s.sessionId === session.sessionId).map((s) => `${s.part}:${s.state}`)).toEqual(expect.arrayContaining(['tunnel:reconnecting', 'database:ready']));
    expect(await applicationName()).toBe('burrow-startup');
    expect(await ownProcesses()).toBe(1);
  });

  it('exports a whole table on a database connection of its own, so the session\'s queries go on meanwhile', async () => {
    const sessions = value<{ sessionId: string; engine: string }[]>(await core.dispatch('sessions.list', {}));
    const pg = sessions.find((session) => session.engine === 'postgres')!;
    const seed = value<{ runId: string }>(await core.dispatch('query.run', { connectionId: pg.sessionId, sql: 'CREATE TABLE export_big AS SELECT g AS id, md5(g::text) AS h FROM generate_series(1, 200000) g' }));
    expect((await finished(seed.runId)).state).toBe('done');

    savePath = dir.join('export_big.csv');
    const order: string[] = [];
    const exported = core.dispatch('schema.export', { connectionId: pg.sessionId, exportId: 'big-1', table: { schema: 'public', name: 'export_big' }, format: 'csv', sort: [{ column: 'id', direction: 'asc' }] })
      .then((answer) => (order.push('export'), answer));
    // The session's own connection is free: this run does not wait for the export.
    const quick = value<{ runId: string }>(await core.dispatch('query.run', { connectionId: pg.sessionId, sql: 'SELECT 1 AS free' }));
    expect((await finished(quick.runId)).state).toBe('done');
    order.push('query');
    const outcome = value<{ path: string; rows: number; bytes: number }>(await exported);
    expect(order).toEqual(['query', 'export']);
    expect(outcome).toMatchObject({ path: savePath, rows: 200_000 });
    expect(saveDialogs.at(-1)).toEqual({ name: 'export_big.csv', format: 'csv', title: 'Export public.export_big as CSV' });
    const lines = readFileSync(savePath, 'utf8').split('\r\n');
    expect(lines.slice(0, 3)).toEqual(['id,h', `1,${md5('1')}`, `2,${md5('2')}`]);
    expect(lines[200_000]).toBe(`200000,${md5('200000')}`);
    expect(exportProgress.length).toBeGreaterThan(0);
    expect(exportProgress.every((p) => p.exportId === 'big-1' && p.rows <= 200_000)).toBe(true);
    expect(listeningSocketsOf('self')).toEqual([]);

    // Cancel in the save dialog: nothing runs, nothing is written.
    savePath = null;
    expect(value(await core.dispatch('schema.export', { connectionId: pg.sessionId, exportId: 'big-2', table: { schema: 'public', name: 'export_big' }, format: 'sql' }))).toEqual({ path: null, rows: 0, bytes: 0 });
    expect(saveDialogs.at(-1)).toMatchObject({ name: 'export_big.sql', format: 'sql' });
    expect(await core.dispatch('schema.export', { connectionId: 'no-such-session', exportId: 'big-3', table: { name: 'export_big' } })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('opens another database of the profile\'s server as a session of its own over the same tunnel; one that does not exist is named in the error', async () => {
    const before = prompts.length;
    const other = value<{ sessionId: string; database: string; engine: string }>(await core.dispatch('sessions.open', { profileId: await profileId('pg'), database: 'postgres' }));
    expect(other).toMatchObject({ database: 'postgres', engine: 'postgres' });
    expect(prompts.length).toBe(before);
    const run = value<{ runId: string }>(await core.dispatch('query.run', { connectionId: other.sessionId, sql: 'SELECT current_database()' }));
    const status = await finished(run.runId);
    expect(value<{ rows: unknown[][] }>(await core.dispatch('query.rows', { resultId: status.results[0]!.resultId, offset: 0, limit: 1 })).rows).toEqual([['postgres']]);
    const schema = value<{ currentDatabase: string; databases: string[] }>(await core.dispatch('schema.introspect', { connectionId: other.sessionId }));
    expect(schema.currentDatabase).toBe('postgres');
    expect(schema.databases).toEqual(expect.arrayContaining(['burrow', 'postgres']));
    value(await core.dispatch('sessions.close', { sessionId: other.sessionId }));

    const missing = await core.dispatch('sessions.open', { profileId: await profileId('pg'), database: 'no_such_db' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'DB_NOT_FOUND', message: expect.stringContaining('no_such_db') } });
    expect(listeningSocketsOf('self')).toEqual([]);
  });

  it('lists the server\'s activity from one connection of its own, kept while the session lives and closed with it', async () => {
    const session = value<{ sessionId: string }>(await core.dispatch('sessions.open', { profileId: await profileId('maria') }));
    const watcher = value<{ sessionId: string }>(await core.dispatch('sessions.open', { profileId: await profileId('maria') }));
    const ids = async (from: string): Promise<string[]> => value<{ processes: { id: string }[] }>(await core.dispatch('server.processes', { connectionId: from })).processes.map((p) => p.id);
    const first = value<{ processes: { id: string; own: boolean }[]; canEndQueryOnly: boolean }>(await core.dispatch('server.processes', { connectionId: session.sessionId }));
    expect(first.canEndQueryOnly).toBe(true);
    expect(first.processes.filter((p) => p.own)).toHaveLength(1);
    // Asked again, the same activity connection answers: no new login shows up.
    const before = await ids(watcher.sessionId);
    await ids(session.sessionId);
    await ids(session.sessionId);
    expect(await ids(watcher.sessionId)).toEqual(before);
    // Closing the session closes its tabs' connection and its activity connection.
    value(await core.dispatch('sessions.close', { sessionId: session.sessionId }));
    // The server lets go of a closed connection's thread a moment after it quits.
    await expect.poll(async () => (await ids(watcher.sessionId)).length, { timeout: 5_000 }).toBe(before.length - 2);
    expect(await core.dispatch('server.processes', { connectionId: session.sessionId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    value(await core.dispatch('sessions.close', { sessionId: watcher.sessionId }));
    expect(listeningSocketsOf('self')).toEqual([]);
  });

  it('a bad session id is a clear error, not a crash', async () => {
    const result = await core.dispatch('query.run', { connectionId: 'nope', sql: 'SELECT 1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
