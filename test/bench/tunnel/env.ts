import pg from 'pg';
import { MemoryKnownHosts } from '../../../electron/core/ssh/hostKeys';
import {
  generateKey,
  makeTempDir,
  publicKeyBlob,
  startPostgres,
  startSshd,
  type GeneratedKey,
  type PostgresServer,
  type SshdServer,
  type TempDir,
} from '../../env';

/** Where PostgreSQL listens and how to log in; the same for every variant. */
export interface DbTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/** The sshd every tunnel variant (Burrow and OpenSSH -L) goes through, with the same key. */
export interface SshTarget {
  host: string;
  port: number;
  username: string;
  key: GeneratedKey;
  /** Burrow's trust store, holding the fixture's ed25519 host key. */
  knownHosts: MemoryKnownHosts;
}

export interface TunnelBenchEnv {
  dir: TempDir;
  ssh: SshTarget;
  db: DbTarget;
  sshd: SshdServer;
  postgres: PostgresServer;
  stop(): Promise<void>;
}

/** A real sshd and PostgreSQL on 127.0.0.1, a client key, and the host key pre-trusted. */
export async function startTunnelBenchEnv(): Promise<TunnelBenchEnv> {
  const dir = makeTempDir('bench-tunnel');
  const key = await generateKey(dir.path, 'id_ed25519', { type: 'ed25519' });
  const [sshdStart, postgresStart] = await Promise.allSettled([startSshd({ authorizedKeys: [key.publicKey] }), startPostgres()]);
  const stop = async (): Promise<void> => {
    await Promise.all([
      sshdStart.status === 'fulfilled' ? sshdStart.value.stop() : undefined,
      postgresStart.status === 'fulfilled' ? postgresStart.value.stop() : undefined,
    ]);
    dir.remove();
  };
  if (sshdStart.status === 'rejected' || postgresStart.status === 'rejected') {
    await stop();
    throw sshdStart.status === 'rejected' ? sshdStart.reason : (postgresStart as PromiseRejectedResult).reason;
  }
  const sshd = sshdStart.value;
  const postgres = postgresStart.value;
  const knownHosts = new MemoryKnownHosts();
  await knownHosts.remember({ host: sshd.host, port: sshd.port, keyType: 'ssh-ed25519', key: publicKeyBlob(sshd.hostKeys['ssh-ed25519']) });
  return {
    dir,
    ssh: { host: sshd.host, port: sshd.port, username: sshd.account.username, key, knownHosts },
    db: { host: postgres.host, port: postgres.port, user: postgres.user, password: postgres.password, database: postgres.database },
    sshd,
    postgres,
    stop,
  };
}

/**
 * The benchmark table, seeded once over a direct connection: an id and two md5 texts (about 90
 * bytes a row on the wire) plus a timestamp for the bulk reads. The primary key lets the
 * concurrent reads take id ranges without eight full scans.
 */
export async function seedBenchTable(db: DbTarget, rows: number): Promise<{ tableBytes: number }> {
  const client = new pg.Client({ ...db });
  await client.connect();
  try {
    await client.query('DROP TABLE IF EXISTS bench');
    await client.query(
      'CREATE TABLE bench AS SELECT g AS id, md5(g::text) AS a, md5((g * 7)::text) AS b, now() AS c ' +
        `FROM generate_series(1, ${Math.trunc(rows)}) g`,
    );
    await client.query('ALTER TABLE bench ADD PRIMARY KEY (id)');
    await client.query('VACUUM (ANALYZE) bench');
    const size = await client.query<{ bytes: string }>("SELECT pg_total_relation_size('bench')::text AS bytes");
    return { tableBytes: Number(size.rows[0]?.bytes ?? 0) };
  } finally {
    await client.end();
  }
}
