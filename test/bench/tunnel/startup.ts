import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type { Tunnel } from '../../../electron/core/ssh/tunnel';
import { freePort } from '../../env';
import { msSince } from '../stats';
import { createBurrowTunnel, pgConfigOverTunnel } from './burrow';
import type { DbTarget, SshTarget } from './env';
import { spawnOpensshForward, type OpensshForward } from './openssh';
import { connectPg } from './workloads';

const directConfig = (db: DbTarget, port = db.port, host = db.host): pg.ClientConfig => ({ ...db, host, port });

/** ms from `new Tunnel` to the first `SELECT 1` result through it (SSH handshake, auth, channel, pg login). */
export async function burrowStartToSelect1(ssh: SshTarget, db: DbTarget): Promise<number> {
  const start = performance.now();
  let tunnel: Tunnel | null = null;
  let client: pg.Client | null = null;
  try {
    tunnel = createBurrowTunnel(ssh);
    await tunnel.connect();
    client = await connectPg(pgConfigOverTunnel(tunnel, db));
    await client.query('SELECT 1');
    return msSince(start);
  } finally {
    await client?.end();
    await tunnel?.close();
  }
}

/** ms from spawning `ssh -L` to the first `SELECT 1` result through the forwarded port. */
export async function opensshStartToSelect1(ssh: SshTarget, db: DbTarget, logDir: string): Promise<number> {
  const localPort = await freePort('127.0.0.1');
  const start = performance.now();
  const forward = spawnOpensshForward(ssh, db, localPort, logDir);
  try {
    const client = await connectWhenForwarded(forward, directConfig(db, localPort, '127.0.0.1'));
    try {
      await client.query('SELECT 1');
      return msSince(start);
    } finally {
      await client.end();
    }
  } finally {
    await forward.process.stop();
  }
}

/** ms to the first `SELECT 1` over plain TCP: the database login alone, for context. */
export async function directStartToSelect1(db: DbTarget): Promise<number> {
  const start = performance.now();
  const client = await connectPg(directConfig(db));
  try {
    await client.query('SELECT 1');
    return msSince(start);
  } finally {
    await client.end();
  }
}

const POLL_MS = 2;
const FORWARD_TIMEOUT_MS = 20_000;

/**
 * Connects pg as soon as ssh's listener accepts. Until ssh has authenticated, the connect is
 * refused at once, so it is simply retried every 2 ms. (A separate probe connection would make
 * ssh open a channel and PostgreSQL fork a backend for nothing, inside the timed window.)
 */
async function connectWhenForwarded(forward: OpensshForward, config: pg.ClientConfig): Promise<pg.Client> {
  const deadline = performance.now() + FORWARD_TIMEOUT_MS;
  for (;;) {
    if (forward.process.exited()) throw new Error(`ssh -L exited before forwarding:\n${forward.process.logTail()}`);
    try {
      return await connectPg(config);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNREFUSED') throw error;
    }
    if (performance.now() > deadline) throw new Error(`ssh -L did not forward within ${FORWARD_TIMEOUT_MS} ms:\n${forward.process.logTail()}`);
    await sleep(POLL_MS);
  }
}
