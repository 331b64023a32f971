// `npm run sandbox`: a 2-hop OpenSSH route to PostgreSQL and MariaDB on loopback, built from the
// test environment's helpers, with matching profiles in a fresh data dir. Ctrl+C stops it all.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { BurrowError } from '../shared/errors';
import { createStore } from '../electron/core/store/createStore';
import {
  freePort,
  generateKey,
  makeTempDir,
  startMariadb,
  startPostgres,
  startProcess,
  startSshd,
  type ManagedProcess,
} from '../test/env';

const root = makeTempDir('sandbox');
const stoppers: (() => Promise<void>)[] = [];
const stopAll = async (): Promise<void> => {
  for (const stop of stoppers.reverse()) await stop().catch(() => {});
  root.remove();
};

try {
  console.log('sandbox: starting PostgreSQL, MariaDB and two sshd on loopback…');
  const key = await generateKey(root.path, 'sandbox_ed25519', { comment: 'burrow-sandbox' });
  const agentSocket = root.join('agent.sock');
  const agent: ManagedProcess = startProcess('ssh-agent', '/usr/bin/ssh-agent', ['-D', '-a', agentSocket], root.join('agent.log'));
  stoppers.push(() => agent.stop());
  await agent.waitForOutput(/SSH_AUTH_SOCK/);
  const add = startProcess('ssh-add', '/usr/bin/ssh-add', [key.privateKeyPath], root.join('ssh-add.log'), { env: { ...process.env, SSH_AUTH_SOCK: agentSocket } });
  await add.waitForOutput(/Identity added/);

  const [postgres, mariadb] = await Promise.all([startPostgres({ host: '127.0.0.4' }), startMariadb({ host: '127.0.0.4' })]);
  stoppers.push(() => postgres.stop(), () => mariadb.stop());
  const innerPort = await freePort('127.0.0.3');
  const inner = await startSshd({ authorizedKeys: [key.publicKey], host: '127.0.0.3', port: innerPort });
  const bastion = await startSshd({ authorizedKeys: [key.publicKey], extraConfig: [`PermitOpen 127.0.0.3:${innerPort}`] });
  stoppers.push(() => inner.stop(), () => bastion.stop());

  const dataDir = path.resolve(process.env.BURROW_SANDBOX_DIR ?? root.join('burrow-data'));
  mkdirSync(dataDir, { recursive: true });
  const store = createStore({ dataDir });
  // SSH logins go through the sandbox's own agent, so they work with or without an OS keychain.
  const hops = (suffix: string) => [
    { id: `bastion-${suffix}`, name: 'bastion', host: bastion.host, port: bastion.port, username: bastion.account.username, auth: [{ type: 'agent' as const, socket: agentSocket }] },
    { id: `inner-${suffix}`, name: 'inner', host: inner.host, port: inner.port, username: inner.account.username, auth: [{ type: 'agent' as const, socket: agentSocket }] },
  ];
  const notices: string[] = [];
  for (const [name, server, engine] of [['Sandbox PostgreSQL (2 hops)', postgres, 'postgres'], ['Sandbox MariaDB (2 hops)', mariadb, 'mariadb']] as const) {
    const saved = await store.profiles.save({
      name, engine, host: server.host, port: server.port, database: server.database, user: server.user,
      password: server.password, environment: 'development', group: ['Sandbox'], ssh: { hops: hops(engine) },
    });
    notices.push(...saved.notices.map((n) => n.message));
  }

  console.log(`
sandbox ready:
  bastion   ${bastion.host}:${bastion.port}  ->  inner ${inner.host}:${inner.port}  ->  PostgreSQL ${postgres.host}:${postgres.port}, MariaDB ${mariadb.host}:${mariadb.port}
  database  user "burrow", PostgreSQL password ${postgres.password}, MariaDB password ${mariadb.password}
  data dir  ${dataDir}
${notices.length ? `  note      ${[...new Set(notices)].join('; ')} (you will be asked for the database password)\n` : ''}
Open Burrow against it:
  BURROW_DATA_DIR=${dataDir} npm start
or the test host in a browser:
  npm run host -- --data-dir ${dataDir}

Ctrl+C stops everything the sandbox started.`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
} catch (error) {
  console.error(`sandbox: ${error instanceof BurrowError ? `${error.code}: ${error.message}` : String(error)}`);
  process.exitCode = 1;
} finally {
  console.log('sandbox: stopping…');
  await stopAll();
}
