import { createHash } from 'node:crypto';
import type { Duplex } from 'node:stream';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { Client as SshClient } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TunnelSocket } from '../../electron/core/ssh/tunnelSocket';
import {
  generateKey,
  listeningSocketsOf,
  makeTempDir,
  publicKeyBlob,
  startMariadb,
  startPostgres,
  startSshd,
  type GeneratedKey,
  type MariadbServer,
  type PostgresServer,
  type SshdServer,
  type TempDir,
} from '../env';

// The core idea, end to end against real servers: an ssh2 session with a verified host key,
// direct-tcpip channels handed straight to pg and mysql2, and no listening socket anywhere.
describe('smoke: databases through an in-process SSH tunnel', () => {
  let keysDir: TempDir;
  let clientKey: GeneratedKey;
  let sshd: SshdServer;
  let postgres: PostgresServer;
  let mariadb: MariadbServer;
  let ssh: SshClient;
  const seenHostKeys: Buffer[] = [];

  beforeAll(async () => {
    keysDir = makeTempDir('smoke-keys');
    clientKey = await generateKey(keysDir.path, 'id_ed25519', { type: 'ed25519' });
    [sshd, postgres, mariadb] = await Promise.all([
      startSshd({ authorizedKeys: [clientKey.publicKey] }),
      startPostgres(),
      startMariadb(),
    ]);
    ssh = new SshClient();
    const expected = publicKeyBlob(sshd.hostKeys['ssh-ed25519']);
    await new Promise<void>((resolve, reject) => {
      ssh.once('ready', resolve).once('error', reject);
      ssh.connect({
        host: sshd.host,
        port: sshd.port,
        username: sshd.account.username,
        privateKey: clientKey.privateKey,
        algorithms: { serverHostKey: ['ssh-ed25519'] },
        hostVerifier: (key: Buffer) => {
          seenHostKeys.push(key);
          return key.equals(expected);
        },
        readyTimeout: 20_000,
      });
    });
  });

  afterAll(async () => {
    ssh?.end();
    await Promise.all([sshd?.stop(), postgres?.stop(), mariadb?.stop()]);
    keysDir?.remove();
  });

  const forward = (host: string, port: number) => (): Promise<Duplex> =>
    new Promise((resolve, reject) => {
      ssh.forwardOut('127.0.0.1', 0, host, port, (error, channel) => (error ? reject(error) : resolve(channel)));
    });

  it('verified the host key the fixture generated', () => {
    expect(seenHostKeys).toHaveLength(1);
    const fingerprint = (blob: Buffer): string => createHash('sha256').update(blob).digest('base64');
    expect(fingerprint(seenHostKeys[0]!)).toBe(fingerprint(publicKeyBlob(sshd.hostKeys['ssh-ed25519'])));
  });

  it('runs SELECT 1 on PostgreSQL and MariaDB over direct-tcpip channels with no listening socket', async () => {
    const pgClient = new pg.Client({
      user: postgres.user,
      password: postgres.password,
      database: postgres.database,
      stream: () => new TunnelSocket(forward(postgres.host, postgres.port)),
    });
    await pgClient.connect();
    const mysqlClient = await mysql.createConnection({
      user: mariadb.user,
      password: mariadb.password,
      database: mariadb.database,
      stream: () => new TunnelSocket(forward(mariadb.host, mariadb.port)),
    });
    try {
      const pgResult = await pgClient.query<{ one: number }>('SELECT 1 AS one');
      expect(pgResult.rows).toEqual([{ one: 1 }]);
      const [mysqlRows] = await mysqlClient.query('SELECT 1 AS one');
      expect(mysqlRows).toEqual([{ one: 1 }]);

      // Both drivers really went through sshd: it logged the forwarded connections.
      await sshd.waitForLog(/Accepted publickey for \S+ from 127\.0\.0\.1/);
      expect(listeningSocketsOf('self')).toEqual([]);
    } finally {
      await pgClient.end();
      await mysqlClient.end();
    }
  });

  it('notices a listening socket when one exists, so the check above can fail', async () => {
    const net = await import('node:net');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : -1;
      expect(listeningSocketsOf('self').map((s) => s.port)).toContain(port);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(listeningSocketsOf('self')).toEqual([]);
  });
});
