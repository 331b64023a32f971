import { performance } from 'node:perf_hooks';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';

/** A server process started for one test run; stopped by its PID. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly logPath: string;
  readonly child: ChildProcess;
  /** Resolves once `pattern` appears in stdout or stderr. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  logTail(lines?: number): string;
  exited(): boolean;
  stop(): Promise<void>;
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  uid?: number;
  gid?: number;
  stdin?: string;
  /** The signal that asks for a clean, quick shutdown (PostgreSQL: SIGINT, "fast" mode). */
  stopSignal?: NodeJS.Signals;
}

const live = new Set<ManagedProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A crashed or interrupted test run must not leave servers behind.
  process.once('exit', () => {
    for (const proc of live) {
      try {
        process.kill(proc.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

export function startProcess(
  name: string,
  command: string,
  args: readonly string[],
  logPath: string,
  options: StartOptions = {},
): ManagedProcess {
  installExitHook();
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    uid: options.uid,
    gid: options.gid,
    stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  const pid = child.pid;
  const log = createWriteStream(logPath, { flags: 'a' });
  let output = '';
  const waiters = new Set<() => void>();
  const onChunk = (chunk: Buffer): void => {
    // Output can still drain from the pipes after 'exit'; the log closes only on 'close'.
    if (!log.writableEnded) log.write(chunk);
    output += chunk.toString('utf8');
    if (output.length > 1_000_000) output = output.slice(-500_000);
    for (const wake of waiters) wake();
  };
  child.stdout?.on('data', onChunk);
  child.stderr?.on('data', onChunk);
  if (options.stdin !== undefined) child.stdin?.end(options.stdin);
  let exitCode: number | null | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? -1 : null);
      live.delete(proc);
      for (const wake of waiters) wake();
      resolve();
    });
  });
  child.once('error', (error) => onChunk(Buffer.from(`\n[spawn error] ${error.message}\n`)));
  child.once('close', () => log.end());

  const logTail = (lines = 30): string => output.split('\n').slice(-lines).join('\n');

  const proc: ManagedProcess = {
    name,
    pid,
    logPath,
    child,
    logTail,
    exited: () => exitCode !== undefined,
    waitForOutput(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const match = output.match(pattern);
          if (match) {
            done();
            resolve(match);
          } else if (exitCode !== undefined) {
            done();
            reject(new Error(`${name} exited (code ${exitCode}) before ${pattern}:\n${logTail()}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${name}: no ${pattern} within ${timeoutMs} ms:\n${logTail()}`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async stop() {
      if (exitCode !== undefined) return;
      try {
        process.kill(pid, options.stopSignal ?? 'SIGTERM');
      } catch {
        return;
      }
      const killed = await Promise.race([
        exitPromise.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 8_000)),
      ]);
      if (!killed) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // exited in between
        }
        await exitPromise;
      }
    },
  };
  live.add(proc);
  return proc;
}

/** Polls until a TCP connect to host:port succeeds; fails fast if the process has exited. */
export async function waitForPort(
  proc: ManagedProcess,
  host: string,
  port: number,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (proc.exited()) throw new Error(`${proc.name} exited before listening on ${host}:${port}:\n${proc.logTail()}`);
    const reachable = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (reachable) return;
    if (performance.now() > deadline) throw new Error(`${proc.name}: ${host}:${port} not reachable within ${timeoutMs} ms:\n${proc.logTail()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function readLog(proc: ManagedProcess): string {
  return readFileSync(proc.logPath, 'utf8');
}

/** PIDs of every descendant of `pid` (children first-level and below), read from /proc. */
export function descendantsOf(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may contain spaces; ppid follows it.
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(entry), Number(after[1]));
    } catch {
      // exited while we looked
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const [child, parent] of parentOf) {
      if (parent === current) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/** Sends a signal to a process tree, children included; missing processes are ignored. */
/**
 * SIGSTOPs a process and every descendant. A child forked between a scan and the stop of its
 * parent (sshd's monitor forks the session process right after login) would run on, so the tree
 * is scanned again until a scan finds nobody new: stopped processes fork no more.
 */
export function stopTree(pid: number): void {
  const stopped = new Set<number>();
  for (;;) {
    const fresh = [pid, ...descendantsOf(pid)].filter((target) => !stopped.has(target));
    if (fresh.length === 0) return;
    for (const target of fresh) {
      stopped.add(target);
      try {
        process.kill(target, 'SIGSTOP');
      } catch {
        // already gone
      }
    }
  }
}

export function signalTree(pid: number, signal: NodeJS.Signals): void {
  for (const target of [...descendantsOf(pid), pid]) {
    try {
      process.kill(target, signal);
    } catch {
      // already gone
    }
  }
}
