import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { postgresBinDir } from './binaries';
import { freePort } from './ports';
import { startProcess, type ManagedProcess } from './processes';
import { run } from './run';
import { makeTempDir, type TempDir } from './tempDir';
import { isRoot } from './testAccount';
import { issueCertificate, makeCa, type CertificateAuthority } from './tls';

export interface PostgresOptions {
  /** Serve TLS with a certificate from a CA generated for this run. */
  tls?: boolean;
  host?: string;
}

export interface PostgresServer {
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

/** A throwaway PostgreSQL cluster on loopback with scram-sha-256 password auth. */
export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const dir = makeTempDir('postgres');
  const owner = isRoot() ? await postgresOwner() : null;
  const password = randomBytes(12).toString('base64url');
  const user = 'burrow';
  const dataDir = dir.join('data');
  const socketDir = dir.join('socket');
  mkdirSync(socketDir);
  const passwordFile = dir.join('pwfile');
  writeFileSync(passwordFile, `${password}\n`);
  if (owner) for (const p of [dir.path, socketDir, passwordFile]) chownSync(p, owner.uid, owner.gid);
  const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};

  await run(path.join(bin, 'initdb'), ['-D', dataDir, '-U', user, `--pwfile=${passwordFile}`,
    '--auth-host=scram-sha-256', '--auth-local=scram-sha-256', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'],
  { ...asOwner, cwd: dir.path, timeoutMs: 120_000 });

  const host = options.host ?? '127.0.0.1';
  const port = await freePort(host);
  const settings = [
    `listen_addresses=${host}`, 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off',
    'shared_buffers=64MB', 'max_connections=60', 'log_min_messages=warning',
  ];
  let ca: CertificateAuthority | null = null;
  if (options.tls) {
    const tlsDir = dir.join('tls');
    mkdirSync(tlsDir);
    ca = await makeCa(tlsDir);
    const cert = await issueCertificate(ca, tlsDir, 'db.burrow.test', { dns: ['db.burrow.test', 'localhost'], ip: [host] });
    const certFile = path.join(dataDir, 'server.crt');
    const keyFile = path.join(dataDir, 'server.key');
    copyFileSync(cert.certPath, certFile);
    copyFileSync(cert.keyPath, keyFile);
    chmodSync(keyFile, 0o600);
    if (owner) for (const f of [certFile, keyFile]) chownSync(f, owner.uid, owner.gid);
    settings.push('ssl=on', `ssl_cert_file=${certFile}`, `ssl_key_file=${keyFile}`);
  }
  const args = ['-D', dataDir, '-p', String(port), '-k', socketDir, ...settings.flatMap((s) => ['-c', s])];
  const proc = startProcess('postgres', path.join(bin, 'postgres'), args, dir.join('postgres.log'), { ...asOwner, cwd: dir.path, stopSignal: 'SIGINT' });
  const stop = async (): Promise<void> => {
    await proc.stop();
    dir.remove();
  };
  try {
    await proc.waitForOutput(/database system is ready to accept connections/, 60_000);
    const admin = new pg.Client({ host, port, user, password, database: 'postgres' });
    await admin.connect();
    await admin.query('CREATE DATABASE burrow');
    await admin.end();
  } catch (error) {
    await stop();
    throw error;
  }
  return { host, port, user, password, database: 'burrow', ca, dir, process: proc, stop };
}

async function postgresOwner(): Promise<{ uid: number; gid: number }> {
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { uid, gid };
}
