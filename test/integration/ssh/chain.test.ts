import { performance } from 'node:perf_hooks';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  generateKey,
  listeningSocketsOf,
  makeTempDir,
  startPostgres,
  startProcess,
  startSshd,
  waitForPort,
  type GeneratedKey,
  type ManagedProcess,
  type PostgresServer,
  type SshdServer,
  type TempDir,
} from '../../env';
import { expectCode, hopTo, makeTunnel, pgOver, route, TestCredentials } from './harness';

/** Port 2222, as bastions commonly use, when it is free; otherwise any port. */
async function bastionPort(): Promise<number> {
  const free = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port: 2222 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
  return free ? 2222 : freePort();
}

describe('tunnel engine: a 3-hop chain and its failures', () => {
  let dir: TempDir;
  let key: GeneratedKey;
  const credentials = new TestCredentials();
  let postgres: PostgresServer;
  let bastion: SshdServer;
  let jump: SshdServer;
  let inner: SshdServer;
  let noForwarding: SshdServer;
  let silent: ManagedProcess;
  let silentPort: number;

  beforeAll(async () => {
    dir = makeTempDir('ssh-chain');
    key = await generateKey(dir.path, 'id_ed25519');
    credentials.keys.set('k', key);
    // Distinct loopback addresses, and each sshd may forward only to the next hop: the database
    // is reachable through the last hop alone.
    postgres = await startPostgres({ host: '127.0.0.4' });
    const innerPort = await freePort('127.0.0.3');
    const jumpPort = await freePort('127.0.0.2');
    const authorizedKeys = [key.publicKey];
    [inner, jump, bastion, noForwarding] = await Promise.all([
      startSshd({ authorizedKeys, host: '127.0.0.3', port: innerPort, extraConfig: [`PermitOpen ${postgres.host}:${postgres.port}`] }),
      startSshd({ authorizedKeys, host: '127.0.0.2', port: jumpPort, extraConfig: [`PermitOpen 127.0.0.3:${innerPort}`] }),
      startSshd({ authorizedKeys, host: '127.0.0.1', port: await bastionPort(), extraConfig: [`PermitOpen 127.0.0.2:${jumpPort}`] }),
      startSshd({ authorizedKeys, allowTcpForwarding: false }),
    ]);
    silentPort = await freePort();
    // A server that accepts TCP and never speaks, in its own process (Burrow's never listens).
    silent = startProcess('silent', process.execPath,
      ['-e', `require('net').createServer(() => {}).listen(${silentPort}, '127.0.0.1')`], dir.join('silent.log'));
    await waitForPort(silent, '127.0.0.1', silentPort);
  });

  afterAll(async () => {
    await Promise.all([postgres?.stop(), bastion?.stop(), jump?.stop(), inner?.stop(), noForwarding?.stop(), silent?.stop()]);
    dir?.remove();
  });

  const auth = [{ type: 'publickey' as const, keyId: 'k' }];

  it('reaches the database through bastion -> jump -> inner, with one SSH session for many channels', async () => {
    const rig = await makeTunnel(
      route([hopTo(bastion, auth, { id: 'b', name: 'bastion' }), hopTo(jump, auth, { id: 'j' }), hopTo(inner, auth, { id: 'i' })]),
      credentials,
      { trust: [bastion, jump, inner] },
    );
    await rig.tunnel.connect();
    const clients = await Promise.all([pgOver(rig.tunnel, postgres), pgOver(rig.tunnel, postgres), pgOver(rig.tunnel, postgres)]);
    try {
      const results = await Promise.all(clients.map((c, i) => c.query<{ n: number }>('SELECT $1::int AS n', [i])));
      expect(results.map((r) => r.rows[0]?.n)).toEqual([0, 1, 2]);
      expect(listeningSocketsOf('self')).toEqual([]);
      // One login per hop, however many database connections ride on it.
      for (const server of [bastion, jump, inner]) {
        await server.waitForLog(/Accepted publickey/);
        expect(server.log().match(/Accepted publickey/g)).toHaveLength(1);
      }
    } finally {
      await Promise.all(clients.map((c) => c.end()));
      await rig.tunnel.close();
    }
    if (bastion.port === 2222) expect(bastion.port).toBe(2222);
  });

  it('the bastion alone cannot reach the database: SSH_CHANNEL_REFUSED with the server reason', async () => {
    const rig = await makeTunnel(route([hopTo(bastion, auth)]), credentials, { trust: [bastion] });
    await rig.tunnel.connect();
    try {
      const error = await expectCode(rig.tunnel.openStream(postgres.host, postgres.port));
      expect(error.code).toBe('SSH_CHANNEL_REFUSED');
      expect(error.message).toMatch(/administratively prohibited/);
      expect(error.detail).toMatchObject({ stage: 'channel', hop: 1 });
    } finally {
      await rig.tunnel.close();
    }
  });

  it('AllowTcpForwarding no gives SSH_CHANNEL_REFUSED', async () => {
    const rig = await makeTunnel(route([hopTo(noForwarding, auth)]), credentials, { trust: [noForwarding] });
    await rig.tunnel.connect();
    try {
      const error = await expectCode(rig.tunnel.openStream(postgres.host, postgres.port));
      expect(error.code).toBe('SSH_CHANNEL_REFUSED');
      expect(error.message).toContain('AllowTcpForwarding');
    } finally {
      await rig.tunnel.close();
    }
  });

  it('names the hop and stage when a middle hop fails', async () => {
    const wrongPort = await freePort('127.0.0.2');
    const rig = await makeTunnel(
      route([hopTo(bastion, auth, { id: 'b', name: 'bastion' }), hopTo(jump, auth, { id: 'j', port: wrongPort }), hopTo(inner, auth, { id: 'i' })]),
      credentials,
      { trust: [bastion, jump, inner] },
    );
    const error = await expectCode(rig.tunnel.connect());
    expect(error.code).toBe('SSH_CHANNEL_REFUSED');
    expect(error.message).toMatch(new RegExp(`^hop 2/3 127\\.0\\.0\\.2:${wrongPort}: `));
    expect(error.detail).toMatchObject({ hop: 2, hopCount: 3 });
  });

  it('fails fast with a coded error for a refused port, an unknown host, a non-SSH server and a silent one', async () => {
    const refusedPort = await freePort();
    const cases = [
      { hop: { host: '127.0.0.1', port: refusedPort }, code: 'SSH_CONNECT_FAILED', stage: 'tcp' },
      { hop: { host: 'no-such-host.invalid', port: 22 }, code: 'SSH_DNS_FAILED', stage: 'dns' },
      { hop: { host: postgres.host, port: postgres.port }, code: 'SSH_HANDSHAKE_FAILED', stage: 'handshake' },
      { hop: { host: '127.0.0.1', port: silentPort }, code: 'SSH_HANDSHAKE_FAILED', stage: 'handshake' },
    ];
    for (const entry of cases) {
      const rig = await makeTunnel(route([{ id: 'x', username: 'u', auth, ...entry.hop }], { connectTimeoutSeconds: 2 }), credentials);
      const started = performance.now();
      const error = await expectCode(rig.tunnel.connect());
      expect({ code: error.code, stage: error.detail?.stage }).toEqual({ code: entry.code, stage: entry.stage });
      expect(error.message).toMatch(/^hop 1\/1 /);
      expect(performance.now() - started).toBeLessThan(2_000 + 1_500);
    }
  });
});
