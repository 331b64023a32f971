import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { requireBinary } from './binaries';
import { freePort } from './ports';
import { descendantsOf, signalTree, startProcess, stopTree, waitForPort, type ManagedProcess } from './processes';
import { run } from './run';
import { makeTempDir, type TempDir } from './tempDir';
import { isRoot, testAccount, type TestAccount } from './testAccount';

export interface SshdOptions {
  /** authorized_keys lines for the test account. */
  authorizedKeys?: readonly string[];
  password?: boolean;
  keyboardInteractive?: boolean;
  allowTcpForwarding?: boolean;
  /** Address to listen on; 127.0.0.1 unless a test needs another loopback address. */
  host?: string;
  port?: number;
  /** Raw sshd_config lines appended last. */
  extraConfig?: readonly string[];
}

export interface SshdServer {
  host: string;
  port: number;
  account: TestAccount;
  /** Host public keys by algorithm name, as `.pub` lines. */
  hostKeys: Record<'ssh-ed25519' | 'ecdsa-sha2-nistp256' | 'ssh-rsa', string>;
  dir: TempDir;
  process: ManagedProcess;
  log(): string;
  /** Waits until sshd has logged a line matching `pattern` (its log arrives asynchronously). */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Kills sshd (SIGKILL, as a crash would) and starts it again on the same port and host keys. */
  restart(): Promise<void>;
  /** SIGSTOP / SIGCONT: a server that stops answering without closing anything. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

const hostKeyFiles = [
  ['ed25519', 'ssh-ed25519'],
  ['ecdsa', 'ecdsa-sha2-nistp256'],
  ['rsa', 'ssh-rsa'],
] as const;

/** A throwaway OpenSSH server on loopback with its own config, host keys and authorized keys. */
export async function startSshd(options: SshdOptions = {}): Promise<SshdServer> {
  const sshd = requireBinary('/usr/sbin/sshd', 'openssh-server');
  const sshKeygen = requireBinary('ssh-keygen', 'openssh-client');
  const account = await testAccount();
  const dir = makeTempDir('sshd');
  // sshd reads authorized_keys with the user's own privileges, so the tree must be traversable.
  chmodSync(dir.path, 0o755);
  if (isRoot()) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  const hostKeys = {} as SshdServer['hostKeys'];
  for (const [type, algorithm] of hostKeyFiles) {
    const file = dir.join(`host_${type}_key`);
    await run(sshKeygen, ['-q', '-t', type, '-f', file, '-N', '', '-C', `host-${type}`]);
    hostKeys[algorithm] = readFileSync(`${file}.pub`, 'utf8').trim();
  }
  const authorizedKeysFile = dir.join('authorized_keys');
  writeFileSync(authorizedKeysFile, (options.authorizedKeys ?? []).map((k) => `${k}\n`).join(''), { mode: 0o644 });

  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort(host));
  const password = options.password ?? account.password !== null;
  const kbdInteractive = options.keyboardInteractive ?? false;
  const config = [
    `Port ${port}`,
    `ListenAddress ${host}`,
    ...hostKeyFiles.map(([type]) => `HostKey ${dir.join(`host_${type}_key`)}`),
    `PidFile ${dir.join('sshd.pid')}`,
    `AuthorizedKeysFile ${authorizedKeysFile}`,
    'StrictModes no',
    `PasswordAuthentication ${password ? 'yes' : 'no'}`,
    `KbdInteractiveAuthentication ${kbdInteractive ? 'yes' : 'no'}`,
    `UsePAM ${isRoot() ? 'yes' : 'no'}`,
    `AllowTcpForwarding ${options.allowTcpForwarding === false ? 'no' : 'yes'}`,
    'PermitRootLogin no',
    'PermitTTY no',
    'X11Forwarding no',
    'UseDNS no',
    'LogLevel VERBOSE',
    'MaxStartups 100:30:200',
    ...(options.extraConfig ?? []),
  ];
  const configFile = dir.join('sshd_config');
  writeFileSync(configFile, `${config.join('\n')}\n`);

  const launch = async (): Promise<ManagedProcess> => {
    const proc = startProcess('sshd', sshd, ['-f', configFile, '-D', '-e'], dir.join('sshd.log'));
    try {
      await waitForPort(proc, host, port);
    } catch (error) {
      await proc.stop();
      throw error;
    }
    return proc;
  };
  let proc: ManagedProcess;
  try {
    proc = await launch();
  } catch (error) {
    dir.remove();
    throw error;
  }
  const server: SshdServer = {
    host,
    port,
    account,
    hostKeys,
    dir,
    process: proc,
    log: () => readFileSync(proc.logPath, 'utf8'),
    waitForLog: async (pattern, timeoutMs = 5_000) => (await proc.waitForOutput(pattern, timeoutMs))[0],
    async restart() {
      // sshd -D forks a child per connection; kill the whole lot so live sessions drop too.
      signalTree(proc.pid, 'SIGKILL');
      await proc.stop();
      proc = await launch();
      server.process = proc;
    },
    pause() {
      stopTree(proc.pid);
    },
    resume() {
      signalTree(proc.pid, 'SIGCONT');
    },
    async stop() {
      signalTree(proc.pid, 'SIGCONT');
      for (const child of descendantsOf(proc.pid)) {
        try {
          process.kill(child, 'SIGKILL');
        } catch {
          // gone
        }
      }
      await proc.stop();
      dir.remove();
    },
  };
  return server;
}
