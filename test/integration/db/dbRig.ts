import { expect } from 'vitest';
import { BurrowError } from '../../../shared/errors';
import type { Cell, DbConnectConfigInput, RunStatus } from '../../../shared/query';
import type { QueryService } from '../../../electron/core/db/queryService';
import type { DbTransport } from '../../../electron/core/db/types';
import type { Tunnel } from '../../../electron/core/ssh/tunnel';
import { generateKey, makeTempDir, startSshd, type SshdServer, type TempDir } from '../../env';
import { hopTo, makeTunnel, route, TestCredentials } from '../ssh/harness';

export type Via = 'direct' | 'tunnel';

export interface SshRig {
  sshd: SshdServer;
  tunnel: Tunnel;
  dir: TempDir;
  stop(): Promise<void>;
}

/** A real sshd and a connected Tunnel with a pre-trusted host key and an ed25519 client key. */
export async function startSshRig(): Promise<SshRig> {
  const dir = makeTempDir('db-ssh');
  const key = await generateKey(dir.path, 'id_ed25519');
  const sshd = await startSshd({ authorizedKeys: [key.publicKey] });
  const credentials = new TestCredentials();
  credentials.keys.set('k1', key);
  let tunnel: Tunnel;
  try {
    tunnel = (await makeTunnel(route([hopTo(sshd, [{ type: 'publickey', keyId: 'k1' }])]), credentials, { trust: [sshd] })).tunnel;
    await tunnel.connect();
  } catch (error) {
    await sshd.stop();
    dir.remove();
    throw error;
  }
  return {
    sshd,
    tunnel,
    dir,
    stop: async () => {
      await tunnel.close();
      await sshd.stop();
      dir.remove();
    },
  };
}

export function transportFor(via: Via, host: string, port: number, tunnel: () => Tunnel): DbTransport {
  return via === 'direct' ? { kind: 'tcp', host, port } : { kind: 'stream', open: () => tunnel().openStream(host, port) };
}

export interface RunOutcome {
  status: RunStatus;
  /** Every stored row of each result, in order. */
  rows: Cell[][][];
}

/** Runs SQL to the end and reads back every stored row. */
export async function runToEnd(service: QueryService, connectionId: string, sql: string, rowLimit?: number | null): Promise<RunOutcome> {
  const started = service.run({ connectionId, sql, ...(rowLimit !== undefined ? { rowLimit } : {}) });
  const status = await service.wait(started.runId, 120_000);
  const rows = status.results.map((result) => (result.kind === 'rows' ? service.rows({ resultId: result.resultId, offset: 0, limit: 10_000 }).rows : []));
  service.release({ runId: status.runId });
  return { status, rows };
}

/** Runs SQL that must succeed; fails the test with the run's error otherwise. */
export async function runOk(service: QueryService, connectionId: string, sql: string, rowLimit?: number | null): Promise<RunOutcome> {
  const outcome = await runToEnd(service, connectionId, sql, rowLimit);
  if (outcome.status.state !== 'done') throw new Error(`run failed: ${JSON.stringify(outcome.status.error)}`);
  return outcome;
}

export async function connectError(service: QueryService, config: DbConnectConfigInput, transport: DbTransport): Promise<BurrowError> {
  try {
    const info = await service.connect(config, transport);
    await service.close({ connectionId: info.connectionId });
  } catch (error) {
    if (error instanceof BurrowError) return error;
    throw new Error(`expected a BurrowError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected connect to fail');
}

/** Starts a run, cancels it after `afterMs`, and checks it ends CANCELLED promptly. */
export async function expectCancelled(service: QueryService, connectionId: string, sql: string, afterMs = 300): Promise<number> {
  const started = service.run({ connectionId, sql });
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  const before = performance.now();
  await service.cancel({ runId: started.runId });
  const status = await service.wait(started.runId, 10_000);
  const took = performance.now() - before;
  expect(status.state).toBe('cancelled');
  expect(status.error?.code).toBe('CANCELLED');
  service.release({ runId: started.runId });
  return took;
}
