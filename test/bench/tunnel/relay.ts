import { freePort, requireBinary, startProcess, waitForPort, type ManagedProcess } from '../../env';
import type { DbTarget } from './env';

export interface TcpRelay {
  /** 127.0.0.1:localPort relays to the database through a socat process: no SSH, no crypto. */
  localPort: number;
  process: ManagedProcess;
}

/**
 * A bare TCP relay process (socat, TCP_NODELAY on both sides, a child per connection as sshd
 * forks one per session). It is the floor for any route that passes through another process:
 * the cost of the extra hop and its wakeups, without SSH framing or encryption. Context only;
 * it never carries Burrow's traffic.
 */
export async function startTcpRelay(db: DbTarget, logDir: string): Promise<TcpRelay> {
  const binary = requireBinary('socat', 'socat');
  const localPort = await freePort('127.0.0.1');
  const child = startProcess('socat relay', binary, [
    `TCP-LISTEN:${localPort},bind=127.0.0.1,reuseaddr,fork,nodelay`,
    `TCP:${db.host}:${db.port},nodelay`,
  ], `${logDir}/socat-relay.log`);
  try {
    await waitForPort(child, '127.0.0.1', localPort, 20_000);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { localPort, process: child };
}
