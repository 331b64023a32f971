import { freePort, requireBinary, startProcess, waitForPort, type ManagedProcess } from '../../env';
import type { DbTarget, SshTarget } from './env';

export interface OpensshForward {
  /** 127.0.0.1:localPort is forwarded to the database; the listener lives in the ssh child. */
  localPort: number;
  process: ManagedProcess;
}

let started = 0;

/**
 * Spawns `ssh -N -L 127.0.0.1:<localPort>:<db host>:<db port>` to the same sshd with the same
 * key, ignoring the user's ssh config and agent. Returns at once: the port accepts only after
 * ssh has authenticated, which callers wait for.
 */
export function spawnOpensshForward(ssh: SshTarget, db: DbTarget, localPort: number, logDir: string): OpensshForward {
  const binary = requireBinary('ssh', 'openssh-client');
  const args = [
    '-F', '/dev/null',
    '-N',
    '-L', `127.0.0.1:${localPort}:${db.host}:${db.port}`,
    '-p', String(ssh.port),
    '-i', ssh.key.privateKeyPath,
    '-o', 'IdentitiesOnly=yes',
    '-o', 'IdentityAgent=none',
    '-o', 'StrictHostKeyChecking=no',
    '-o', 'UserKnownHostsFile=/dev/null',
    '-o', 'BatchMode=yes',
    '-o', 'ExitOnForwardFailure=yes',
    '-o', 'LogLevel=ERROR',
    `${ssh.username}@${ssh.host}`,
  ];
  started += 1;
  const child = startProcess('ssh -L', binary, args, `${logDir}/ssh-L-${started}.log`);
  return { localPort, process: child };
}

/** A forward for long use: spawned, then waited for until its port accepts connections. */
export async function startOpensshForward(ssh: SshTarget, db: DbTarget, logDir: string): Promise<OpensshForward> {
  const forward = spawnOpensshForward(ssh, db, await freePort('127.0.0.1'), logDir);
  try {
    await waitForPort(forward.process, '127.0.0.1', forward.localPort, 20_000);
  } catch (error) {
    await forward.process.stop();
    throw error;
  }
  return forward;
}
