import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey, makeTempDir, startSshd, type SshdServer, type TempDir } from '../../env';
import { hopTo, makeTunnel, route, TestCredentials } from './harness';

/**
 * A server that answers each 1-byte request in two writes 2 ms apart, as PostgreSQL does when it
 * flushes after Describe and again after Execute. sshd (Nagle on) holds the second write until the
 * first is ACKed, so without the AckPacer the reply waits for our delayed ACK (40 ms or more).
 */
function startTwoPartServer(): Promise<{ server: net.Server; port: number }> {
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('data', () => {
      socket.write(Buffer.alloc(100, 1));
      setTimeout(() => socket.write(Buffer.alloc(60, 2)), 2);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as net.AddressInfo).port })));
}

/** Median ms from request to the whole 160-byte reply, over `count` exchanges on one channel. */
async function replyLatency(channel: Duplex, count: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await new Promise<void>((resolve) => {
      let received = 0;
      const onData = (chunk: Buffer): void => {
        received += chunk.length;
        if (received < 160) return;
        channel.off('data', onData);
        resolve();
      };
      channel.on('data', onData);
      channel.write(Buffer.from([i & 0xff]));
    });
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

describe('AckPacer against real OpenSSH: a reply written in two parts is not held back', () => {
  let dir: TempDir;
  const credentials = new TestCredentials();
  let sshd: SshdServer;
  let target: { server: net.Server; port: number };

  beforeAll(async () => {
    dir = makeTempDir('ssh-ackpacing');
    credentials.keys.set('k', await generateKey(dir.path, 'id_ed25519'));
    [sshd, target] = await Promise.all([startSshd({ authorizedKeys: [credentials.keys.get('k')!.publicKey] }), startTwoPartServer()]);
  });

  afterAll(async () => {
    await sshd?.stop();
    await new Promise((resolve) => target?.server.close(resolve));
    dir?.remove();
  });

  const measure = async (ackPacing: boolean): Promise<number> => {
    const rig = await makeTunnel(route([hopTo(sshd, [{ type: 'publickey', keyId: 'k' }])]), credentials, { trust: [sshd], ackPacing });
    await rig.tunnel.connect();
    try {
      const channel = await rig.tunnel.openStream('127.0.0.1', target.port);
      const latency = await replyLatency(channel, 15);
      channel.destroy();
      return latency;
    } finally {
      await rig.tunnel.close();
    }
  };

  it('with pacing the reply takes about the 2 ms the server needs; without it, the delayed ACK stalls it', async () => {
    const paced = await measure(true);
    const unpaced = await measure(false);
    // The control shows the stall is real on this kernel, so the first number means something.
    expect(unpaced).toBeGreaterThan(30);
    expect(paced).toBeLessThan(15);
  });
});
