import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { value } from '../../support/value';
import type { Diagnosis } from '../../../shared/diagnosis';
import type { EventPayload } from '../../../shared/contract';
import { createCore, type Core } from '../../../electron/core/createCore';
import { freePort, generateKey, listeningSocketsOf, makeTempDir, startPostgres, startSshd, type PostgresServer, type SshdServer, type TempDir } from '../../env';
import { MemoryKeychain } from '../../env/memoryKeychain';


const stagesOf = (stages: Diagnosis['target']['stages']): string[] => stages.map((s) => `${s.stage}:${s.ok ? 'ok' : s.error?.code}`);

// "Test" on the connection form, through the contract against real OpenSSH and PostgreSQL: each
// stage of each hop with its result and duration, then the channel and the database login.
describe('core: sessions.diagnose runs a draft stage by stage', () => {
  let dir: TempDir;
  let home: TempDir;
  let core: Core;
  let postgres: PostgresServer;
  let bastion: SshdServer;
  let inner: SshdServer;
  let noForwarding: SshdServer;
  let keyId: string;
  const prompts: EventPayload<'prompts.onRequest'>[] = [];

  beforeAll(async () => {
    dir = makeTempDir('core-diagnose');
    home = makeTempDir('core-diagnose-home');
    const key = await generateKey(dir.path, 'id_ed25519');
    postgres = await startPostgres({ host: '127.0.0.4' });
    const innerPort = await freePort('127.0.0.3');
    [inner, bastion, noForwarding] = await Promise.all([
      startSshd({ authorizedKeys: [key.publicKey], host: '127.0.0.3', port: innerPort, password: true }),
      startSshd({ authorizedKeys: [key.publicKey], extraConfig: [`PermitOpen 127.0.0.3:${innerPort}`] }),
      startSshd({ authorizedKeys: [key.publicKey], allowTcpForwarding: false }),
    ]);
    core = createCore({ dataDir: dir.join('data'), appVersion: '0', runtime: 'test-host', electronVersion: null, keychain: new MemoryKeychain(), home: home.path });
    core.onEvent('prompts.onRequest', (prompt) => {
      prompts.push(prompt);
      if (prompt.request.kind === 'hostKey') void core.dispatch('prompts.answer', { id: prompt.id, answer: 'trust-once' });
    });
    keyId = value<{ id: string }>(await core.dispatch('keys.import', { source: { kind: 'path', path: key.privateKeyPath } })).id;
  });

  afterAll(async () => {
    await core?.close();
    await Promise.all([postgres?.stop(), bastion?.stop(), inner?.stop(), noForwarding?.stop()]);
    dir?.remove();
    home?.remove();
  });

  const bastionHop = () => ({ id: 'b', name: 'bastion', host: bastion.host, port: bastion.port, username: bastion.account.username, auth: [{ type: 'publickey', keyId }] });
  const innerHop = (auth: unknown[] = [{ type: 'publickey', keyId }]) => ({ id: 'i', host: inner.host, port: inner.port, username: inner.account.username, auth });
  const draft = (overrides: Record<string, unknown> = {}) => ({
    name: 'unsaved', engine: 'postgres', host: postgres.host, port: postgres.port, database: postgres.database, user: postgres.user,
    password: postgres.password, tls: { mode: 'disable' }, ssh: { hops: [bastionHop(), innerHop()] }, ...overrides,
  });
  const diagnose = async (payload: unknown): Promise<Diagnosis> => value<Diagnosis>(await core.dispatch('sessions.diagnose', payload));

  it('reports every stage of both hops, the channel and the login, with durations, and keeps nothing', async () => {
    const report = await diagnose({ draft: draft(), debugLog: true });
    expect(report.error).toBeUndefined();
    expect(report.ok).toBe(true);
    expect(report.hops.map((hop) => [hop.index, hop.name ?? hop.host, stagesOf(hop.stages)])).toEqual([
      [1, 'bastion', ['dns:ok', 'tcp:ok', 'handshake:ok', 'hostkey:ok', 'auth:ok']],
      [2, inner.host, ['tcp:ok', 'handshake:ok', 'hostkey:ok', 'auth:ok']],
    ]);
    expect(stagesOf(report.target.stages)).toEqual(['channel:ok', 'db:ok']);
    expect(report.target.stages[1]?.detail).toMatch(/^PostgreSQL \d+.*database burrow/);
    const all = [...report.hops.flatMap((hop) => hop.stages), ...report.target.stages];
    for (const stage of all) expect(stage.ms).toBeGreaterThanOrEqual(0);
    const stageSum = all.reduce((sum, stage) => sum + stage.ms, 0);
    expect(stageSum).toBeLessThanOrEqual(report.totalMs + 1);
    // The debug log is ssh2's protocol trace, per hop, without secrets.
    for (const hop of report.hops) expect(hop.debugLog.join('\n')).toMatch(/KEXINIT|USERAUTH/);
    expect(JSON.stringify(report)).not.toContain(postgres.password);
    // A test keeps nothing: no session, no profile, no remembered host key (trusted once), no port.
    expect(value<unknown[]>(await core.dispatch('sessions.list', {}))).toEqual([]);
    expect(value<{ name: string }[]>(await core.dispatch('profiles.list', {})).map((p) => p.name)).not.toContain('unsaved');
    expect(value<unknown[]>(await core.dispatch('knownHosts.list', {}))).toEqual([]);
    expect(prompts.filter((p) => p.request.kind === 'hostKey')).toHaveLength(2);
    expect(listeningSocketsOf('self')).toEqual([]);
  });

  it('without a debug log asked for, there is none', async () => {
    const report = await diagnose({ draft: draft() });
    expect(report.ok).toBe(true);
    expect(report.hops.map((hop) => hop.debugLog)).toEqual([[], []]);
  });

  it('a wrong typed SSH password fails the auth stage of hop 2 and runs nothing after it', async () => {
    const report = await diagnose({ draft: draft({ ssh: { hops: [bastionHop(), innerHop([{ type: 'password' }])] }, hopPasswords: { i: 'not the password' } }) });
    expect(report.ok).toBe(false);
    expect(stagesOf(report.hops[0]!.stages)).toEqual(['dns:ok', 'tcp:ok', 'handshake:ok', 'hostkey:ok', 'auth:ok']);
    expect(stagesOf(report.hops[1]!.stages)).toEqual(['tcp:ok', 'handshake:ok', 'hostkey:ok', 'auth:SSH_AUTH_FAILED']);
    expect(report.target.stages).toEqual([]);
    expect(report.error?.code).toBe('SSH_AUTH_FAILED');
    expect(report.error?.message).toMatch(/^hop 2\/2 127\.0\.0\.3:\d+: authentication failed .*tried password/);
  });

  it('the right typed SSH password passes, and is not stored', async () => {
    if (!inner.account.password) throw new Error('the test account has no password (tests run as root in CI)');
    const report = await diagnose({ draft: draft({ ssh: { hops: [bastionHop(), innerHop([{ type: 'password' }])] }, hopPasswords: { i: inner.account.password } }) });
    expect(stagesOf(report.hops[1]!.stages)).toEqual(['tcp:ok', 'handshake:ok', 'hostkey:ok', 'auth:ok']);
    expect(report.ok).toBe(true);
    // Nothing was saved, so a second test without the typed password must ask for it.
    const asked = prompts.length;
    core.onEvent('prompts.onRequest', (prompt) => {
      if (prompt.request.kind === 'password') void core.dispatch('prompts.answer', { id: prompt.id, answer: null });
    });
    const again = await diagnose({ draft: draft({ ssh: { hops: [bastionHop(), innerHop([{ type: 'password' }])] } }) });
    expect(prompts.slice(asked).map((p) => p.request.kind)).toContain('password');
    expect(again.ok).toBe(false);
  });

  it('a closed port fails the tcp stage of hop 1', async () => {
    const closed = await freePort('127.0.0.1');
    const report = await diagnose({ draft: draft({ ssh: { hops: [{ ...bastionHop(), port: closed }] } }) });
    expect(stagesOf(report.hops[0]!.stages)).toEqual(['dns:ok', 'tcp:SSH_CONNECT_FAILED']);
    expect(report.error?.message).toMatch(/connection refused/);
  });

  it('a server that refuses forwarding fails the channel stage with its reason', async () => {
    const hop = { id: 'n', host: noForwarding.host, port: noForwarding.port, username: noForwarding.account.username, auth: [{ type: 'publickey', keyId }] };
    const report = await diagnose({ draft: draft({ ssh: { hops: [hop] } }) });
    expect(stagesOf(report.hops[0]!.stages)).toEqual(['dns:ok', 'tcp:ok', 'handshake:ok', 'hostkey:ok', 'auth:ok']);
    expect(stagesOf(report.target.stages)).toEqual(['channel:SSH_CHANNEL_REFUSED']);
  });

  it('a wrong database password fails the db stage after a good route', async () => {
    const report = await diagnose({ draft: draft({ password: 'wrong' }) });
    expect(stagesOf(report.target.stages)).toEqual(['channel:ok', 'db:DB_AUTH_FAILED']);
    expect(report.error?.code).toBe('DB_AUTH_FAILED');
  });

  it('a direct SQLite draft has just the db stage; a missing file is DB_NOT_FOUND', async () => {
    const file = dir.join('diagnose.sqlite');
    const missing = await diagnose({ draft: { name: 'local', engine: 'sqlite', database: file } });
    expect(stagesOf(missing.target.stages)).toEqual(['db:DB_NOT_FOUND']);
    writeFileSync(file, '');
    const report = await diagnose({ draft: { name: 'local', engine: 'sqlite', database: file } });
    expect(report.hops).toEqual([]);
    expect(stagesOf(report.target.stages)).toEqual(['db:ok']);
    expect(report.target.stages[0]?.detail).toMatch(/^SQLite 3\./);
  });

  it('a hop whose key was deleted says which hop and what to do', async () => {
    const spare = await generateKey(dir.path, 'spare_ed25519');
    const spareId = value<{ id: string }>(await core.dispatch('keys.import', { source: { kind: 'path', path: spare.privateKeyPath } })).id;
    value(await core.dispatch('keys.delete', { id: spareId }));
    const report = await diagnose({ draft: draft({ ssh: { hops: [{ ...bastionHop(), auth: [{ type: 'publickey', keyId: spareId }] }] } }) });
    expect(stagesOf(report.hops[0]!.stages)).toEqual(['dns:ok', 'tcp:ok', 'handshake:ok', 'hostkey:ok', 'auth:NOT_FOUND']);
    expect(report.error?.message).toMatch(/^hop 1\/1 bastion .*: the SSH key this hop uses is no longer in Burrow's keys .*choose another key/);
  });

  it('a live session keeps the SSH log of the hops that ask for one, redacted', async () => {
    const saved = value<{ profile: { id: string } }>(await core.dispatch('profiles.save', draft({
      name: 'logged', passwordPolicy: 'keychain',
      ssh: { hops: [{ ...bastionHop(), id: 'lb', debugLog: true }, { ...innerHop(), id: 'li' }] },
    })));
    const session = value<{ sessionId: string }>(await core.dispatch('sessions.open', { profileId: saved.profile.id }));
    const logs = value<{ index: number; name?: string; lines: string[] }[]>(await core.dispatch('sessions.debugLog', { sessionId: session.sessionId }));
    expect(logs.map((log) => [log.index, log.name])).toEqual([[1, 'bastion']]);
    expect(logs[0]!.lines.join('\n')).toMatch(/^\d\d:\d\d:\d\d\.\d{3} .*KEXINIT/m);
    expect(JSON.stringify(logs)).not.toContain(postgres.password);
    value(await core.dispatch('sessions.close', { sessionId: session.sessionId }));
    expect(await core.dispatch('sessions.debugLog', { sessionId: session.sessionId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('a draft that does not validate is VALIDATION naming the field', async () => {
    const result = await core.dispatch('sessions.diagnose', { draft: draft({ ssh: { hops: [{ ...bastionHop(), port: 70000 }] } }) });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!result.ok && result.error.message).toMatch(/port/);
  });
});
