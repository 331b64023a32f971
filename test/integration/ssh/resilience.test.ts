import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BurrowError } from '../../../shared/errors';
import { generateKey, listeningSocketsOf, makeTempDir, startPostgres, startSshd, type PostgresServer, type SshdServer, type TempDir } from '../../env';
import { hopTo, makeTunnel, pgOver, route, ScriptedPrompts, TestCredentials, waitForState } from './harness';

describe('tunnel engine: drops, keepalive and reconnect against real OpenSSH', () => {
  let dir: TempDir;
  const credentials = new TestCredentials();
  let postgres: PostgresServer;
  let sshd: SshdServer;

  beforeAll(async () => {
    dir = makeTempDir('ssh-resilience');
    const key = await generateKey(dir.path, 'id_ed25519');
    credentials.keys.set('k', key);
    [postgres, sshd] = await Promise.all([startPostgres(), startSshd({ authorizedKeys: [key.publicKey] })]);
  });

  afterAll(async () => {
    sshd?.resume();
    await Promise.all([postgres?.stop(), sshd?.stop()]);
    dir?.remove();
  });

  it('sshd killed mid-query: the query fails with TUNNEL_CLOSED, then the tunnel reconnects by itself', async () => {
    const rig = await makeTunnel(route([hopTo(sshd, [{ type: 'publickey', keyId: 'k' }])]), credentials, {
      trust: [sshd],
      reconnect: { maxAttempts: 10, baseDelayMs: 200, maxDelayMs: 1_000 },
    });
    await rig.tunnel.connect();
    const client = await pgOver(rig.tunnel, postgres);
    client.on('error', () => {});
    const running = client.query('SELECT pg_sleep(10)').then(
      () => null,
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await sshd.restart();
    const error = await running;
    expect(error).toBeInstanceOf(BurrowError);
    expect((error as BurrowError).code).toBe('TUNNEL_CLOSED');
    expect((error as BurrowError).message).toMatch(/^hop 1\/1 .*the SSH connection dropped/);

    await waitForState(rig, 'ready');
    expect(rig.states[0]).toBe('connecting');
    expect(rig.states).toContain('reconnecting');
    expect(rig.states.at(-1)).toBe('ready');
    const again = await pgOver(rig.tunnel, postgres);
    expect((await again.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    expect(listeningSocketsOf('self')).toEqual([]);
    await again.end();
    await rig.tunnel.close();
  });

  it('sshd frozen with SIGSTOP: keepalive notices within interval x count, and the tunnel recovers after SIGCONT', async () => {
    const rig = await makeTunnel(
      route([hopTo(sshd, [{ type: 'publickey', keyId: 'k' }])], { keepalive: { intervalSeconds: 1, countMax: 2 }, connectTimeoutSeconds: 2 }),
      credentials,
      { trust: [sshd], reconnect: { maxAttempts: 30, baseDelayMs: 200, maxDelayMs: 500 } },
    );
    await rig.tunnel.connect();
    sshd.pause();
    const frozenAt = performance.now();
    try {
      const state = await waitForState(rig, 'reconnecting', 10_000);
      const detectedAfter = performance.now() - frozenAt;
      // interval x count = 2 s, plus one interval of slack for timer phase.
      expect(detectedAfter).toBeLessThan(3_500);
      expect(state).toMatchObject({ state: 'reconnecting', attempt: 1, cause: { code: 'TUNNEL_CLOSED' } });
      expect(state.state === 'reconnecting' && state.cause.message).toContain('no keepalive answer for 2 s');
    } finally {
      sshd.resume();
    }
    await waitForState(rig, 'ready', 20_000);
    const client = await pgOver(rig.tunnel, postgres);
    expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await client.end();
    await rig.tunnel.close();
    expect(rig.tunnel.state).toEqual({ state: 'closed' });
  });

  it('a reconnect reuses what the user typed in this session, and asks nothing again', async () => {
    const prompts = new ScriptedPrompts({ password: () => sshd.account.password! });
    const rig = await makeTunnel(route([hopTo(sshd, [{ type: 'password', policy: 'ask' }])]), credentials, {
      trust: [sshd],
      prompts,
      reconnect: { maxAttempts: 10, baseDelayMs: 200, maxDelayMs: 1_000 },
    });
    await rig.tunnel.connect();
    await sshd.restart();
    await waitForState(rig, 'reconnecting');
    await waitForState(rig, 'ready');
    await rig.tunnel.close();
    expect(prompts.asked.map((p) => p.kind)).toEqual(['password']);
  });
});
