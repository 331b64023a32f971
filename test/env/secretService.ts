import { performance } from 'node:perf_hooks';
import { mkdirSync } from 'node:fs';
import { requireBinary } from './binaries';
import { startProcess, type ManagedProcess } from './processes';
import { run } from './run';
import { makeTempDir, type TempDir } from './tempDir';

export interface SecretService {
  /** Environment that points a process (or this one) at the private session bus. */
  env: { DBUS_SESSION_BUS_ADDRESS: string };
  dir: TempDir;
  processes: ManagedProcess[];
  stop(): Promise<void>;
}

/**
 * An unlocked gnome-keyring Secret Service on a private D-Bus session bus. Nothing touches the
 * user's own session or keyrings: HOME and the XDG dirs point into a temp dir.
 */
export async function startSecretService(): Promise<SecretService> {
  const dbusDaemon = requireBinary('dbus-daemon', 'dbus');
  const keyringDaemon = requireBinary('gnome-keyring-daemon', 'gnome-keyring');
  const dbusSend = requireBinary('dbus-send', 'dbus-bin');
  const dir = makeTempDir('keyring');
  const runtimeDir = dir.join('run');
  mkdirSync(runtimeDir, { mode: 0o700 });
  mkdirSync(dir.join('data'));

  const bus = startProcess('dbus-daemon', dbusDaemon,
    ['--session', '--nofork', `--address=unix:path=${dir.join('bus')}`, '--print-address=1'], dir.join('dbus.log'));
  const processes = [bus];
  const stop = async (): Promise<void> => {
    for (const proc of [...processes].reverse()) await proc.stop();
    dir.remove();
  };
  try {
    const [address] = await bus.waitForOutput(/unix:path=[^\s]+/, 15_000);
    const env = { DBUS_SESSION_BUS_ADDRESS: address };
    const daemonEnv = { ...process.env, ...env, HOME: dir.path, XDG_DATA_HOME: dir.join('data'), XDG_RUNTIME_DIR: runtimeDir };
    const keyring = startProcess('gnome-keyring-daemon', keyringDaemon,
      ['--foreground', '--unlock', '--components=secrets'], dir.join('gnome-keyring.log'), { env: daemonEnv, stdin: 'burrow-test-keyring' });
    processes.push(keyring);
    const deadline = performance.now() + 15_000;
    for (;;) {
      const { stdout } = await run(dbusSend, ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/',
        'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets'], { env: { ...process.env, ...env } });
      if (/boolean true/.test(stdout)) break;
      if (keyring.exited() || performance.now() > deadline) {
        throw new Error(`gnome-keyring-daemon did not take org.freedesktop.secrets:\n${keyring.logTail()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { env, dir, processes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
