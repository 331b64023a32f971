import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey, makeTempDir, startSshd, type SshdServer, type TempDir } from '../../env';
import { hopTo, makeTunnel, route, TestCredentials } from './harness';

describe('host-key announcements from real OpenSSH', () => {
  let dir: TempDir;
  const credentials = new TestCredentials();
  let sshd: SshdServer;
  let echo: net.Server;
  let echoPort: number;

  beforeAll(async () => {
    dir = makeTempDir('ssh-hostkeys-announce');
    credentials.keys.set('k', await generateKey(dir.path, 'id_ed25519'));
    sshd = await startSshd({ authorizedKeys: [credentials.keys.get('k')!.publicKey] });
    echo = net.createServer((socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    echoPort = (echo.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await sshd?.stop();
    await new Promise((resolve) => echo?.close(resolve));
    dir?.remove();
  });

  it('are dropped: no hostkeys-prove request (the server would sign with every host key first), and the session works on', async () => {
    const rig = await makeTunnel(route([hopTo(sshd, [{ type: 'publickey', keyId: 'k' }], { debugLog: true })]), credentials, { trust: [sshd] });
    await rig.tunnel.connect();
    try {
      const lines = (): string[] => rig.tunnel.debugLogs()[0]?.lines ?? [];
      const channel = await rig.tunnel.openStream('127.0.0.1', echoPort);
      // sshd announces its keys once the session has started.
      await expect.poll(() => lines().some((line) => line.includes('GLOBAL_REQUEST (hostkeys-00@openssh.com)')), { timeout: 5_000 }).toBe(true);
      const reply = new Promise<Buffer>((resolve) => channel.once('data', resolve));
      channel.write('still here');
      expect((await reply).toString()).toBe('still here');
      expect(lines().filter((line) => line.includes('hostkeys-prove'))).toEqual([]);
      channel.destroy();
    } finally {
      await rig.tunnel.close();
    }
  });
});
