import { randomBytes } from 'node:crypto';
import { requireBinary } from './binaries';
import { freePort } from './ports';
import { startProcess, waitForPort, type ManagedProcess } from './processes';
import { run } from './run';
import { makeTempDir, type TempDir } from './tempDir';
import { isRoot } from './testAccount';
import { issueCertificate, makeCa, type CertificateAuthority } from './tls';

export interface MariadbServer {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** The CA that signed the server certificate, when started with `tls`. */
  ca: CertificateAuthority | null;
  dir: TempDir;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/**
 * A throwaway MariaDB server on loopback with a password-authenticated test user; with `tls`, it
 * also offers TLS with a certificate for db.burrow.test, localhost and its IP from a fresh CA.
 */
export async function startMariadb(options: { host?: string; tls?: boolean } = {}): Promise<MariadbServer> {
  const installDb = requireBinary(['mariadb-install-db', 'mysql_install_db'], 'mariadb-server');
  const mariadbd = requireBinary(['/usr/sbin/mariadbd', '/usr/sbin/mysqld'], 'mariadb-server');
  const client = requireBinary(['mariadb', 'mysql'], 'mariadb-client');
  const dir = makeTempDir('mariadb');
  const dataDir = dir.join('data');
  const socket = dir.join('mariadb.sock');
  const runAs = isRoot() ? ['--user=root'] : [];
  await run(installDb, ['--no-defaults', `--datadir=${dataDir}`, '--auth-root-authentication-method=normal',
    '--skip-test-db', '--skip-name-resolve', ...runAs], { timeoutMs: 180_000 });

  const host = options.host ?? '127.0.0.1';
  const port = await freePort(host);
  let ca: CertificateAuthority | null = null;
  const tlsArgs: string[] = [];
  if (options.tls) {
    ca = await makeCa(dir.path);
    const cert = await issueCertificate(ca, dir.path, 'db.burrow.test', { dns: ['db.burrow.test', 'localhost'], ip: [host] });
    tlsArgs.push(`--ssl-ca=${ca.certPath}`, `--ssl-cert=${cert.certPath}`, `--ssl-key=${cert.keyPath}`);
  }
  const proc = startProcess('mariadbd', mariadbd, ['--no-defaults', `--datadir=${dataDir}`, `--socket=${socket}`,
    `--port=${port}`, `--bind-address=${host}`, `--pid-file=${dir.join('mariadbd.pid')}`, '--skip-name-resolve',
    '--skip-log-bin', '--innodb-buffer-pool-size=64M', '--innodb-log-file-size=16M', '--max-connections=60',
    '--innodb-flush-log-at-trx-commit=0', ...tlsArgs, ...runAs], dir.join('mariadbd.log'));
  const stop = async (): Promise<void> => {
    await proc.stop();
    dir.remove();
  };
  const password = randomBytes(12).toString('base64url');
  try {
    await waitForPort(proc, host, port, 60_000);
    const sql = [
      `CREATE USER 'burrow'@'%' IDENTIFIED BY '${password}'`,
      'CREATE DATABASE burrow',
      "GRANT ALL PRIVILEGES ON *.* TO 'burrow'@'%' WITH GRANT OPTION",
      'FLUSH PRIVILEGES',
    ].join(';\n');
    await run(client, ['--no-defaults', `--socket=${socket}`, '-uroot'], { input: `${sql};\n` });
  } catch (error) {
    await stop();
    throw error;
  }
  return { host, port, user: 'burrow', password, database: 'burrow', ca, dir, process: proc, stop };
}
