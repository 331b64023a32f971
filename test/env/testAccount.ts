import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { requireBinary } from './binaries';
import { run } from './run';

export interface TestAccount {
  username: string;
  /** null where the run is not root and cannot give the account a password. */
  password: string | null;
  uid: number;
  gid: number;
}

export const isRoot = (): boolean => process.getuid?.() === 0;

const TEST_USER = 'burrowtest';
let cached: Promise<TestAccount> | undefined;

/**
 * The OS account the test sshd logs in. As root (CI), a dedicated `burrowtest` account is made
 * once and given a random password, for password and PAM keyboard-interactive auth. The password
 * lives in a root-only file so that concurrent test processes (vitest workers, the benchmark)
 * agree on it instead of resetting it under each other. Otherwise sshd runs as the current user, which supports public-key auth only.
 */
export function testAccount(): Promise<TestAccount> {
  cached ??= resolveAccount();
  return cached;
}

async function resolveAccount(): Promise<TestAccount> {
  if (!isRoot()) {
    const me = os.userInfo();
    return { username: me.username, password: null, uid: me.uid, gid: me.gid };
  }
  const id = await run('id', ['-u', TEST_USER]).catch(() => null);
  if (!id) {
    await run(requireBinary('useradd', 'passwd'), ['--create-home', '--shell', '/bin/bash', TEST_USER]);
  }
  const password = await accountPassword();
  const uid = Number((await run('id', ['-u', TEST_USER])).stdout.trim());
  const gid = Number((await run('id', ['-g', TEST_USER])).stdout.trim());
  return { username: TEST_USER, password, uid, gid };
}

const PASSWORD_FILE = '/var/lib/burrow-test/burrowtest.password';

async function accountPassword(): Promise<string> {
  mkdirSync('/var/lib/burrow-test', { recursive: true, mode: 0o700 });
  try {
    return readFileSync(PASSWORD_FILE, 'utf8').trim();
  } catch {
    // first use on this machine
  }
  const password = randomBytes(12).toString('base64url');
  try {
    writeFileSync(PASSWORD_FILE, `${password}\n`, { mode: 0o600, flag: 'wx' });
  } catch {
    // another process won the race: use its password
    return readFileSync(PASSWORD_FILE, 'utf8').trim();
  }
  await run(requireBinary('chpasswd', 'passwd'), [], { input: `${TEST_USER}:${password}\n` });
  return password;
}
