import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { sqliteWorkerSource } from './sqliteWorkerSource';

export interface WorkerMessage {
  type: string;
  [key: string]: unknown;
}

export interface WorkerFailure {
  code: string;
  message: string;
  statementIndex?: number;
}

const betterSqlitePath = (): string => createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * One SQLite connection in its own process. Messages are handled by whoever called `exchange`
 * until it says it is done; `terminate` kills the process even inside one long native statement.
 */
export class SqliteWorker {
  private readonly child: ChildProcess;
  private handler: ((message: WorkerMessage) => void) | null = null;
  private failure: ((error: Error) => void) | null = null;
  exited = false;

  constructor() {
    this.child = spawn(process.execPath, ['-e', sqliteWorkerSource], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // Structured clone over IPC: Buffers stay bytes and bigints stay exact.
      serialization: 'advanced',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      windowsHide: true,
    });
    let stderr = '';
    this.child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    this.child.on('message', (message: WorkerMessage) => this.handler?.(message));
    this.child.on('error', (error) => this.failure?.(error));
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      this.failure?.(new Error(`the SQLite worker stopped (${signal ?? `exit code ${code}`})${stderr ? `: ${stderr.trim()}` : ''}`));
    });
  }

  /** Sends `message`; `onMessage` returns a value to finish, or undefined to keep listening. */
  exchange<T>(message: WorkerMessage, onMessage: (reply: WorkerMessage) => T | undefined): Promise<T> {
    if (this.exited) return Promise.reject(new Error('the SQLite worker stopped'));
    return new Promise<T>((resolve, reject) => {
      const finish = (): void => {
        this.handler = null;
        this.failure = null;
      };
      this.failure = (error) => {
        finish();
        reject(error);
      };
      this.handler = (reply) => {
        try {
          if (reply.type === 'error') {
            finish();
            reject(Object.assign(new Error(String(reply.message)), { workerFailure: reply as unknown as WorkerFailure }));
            return;
          }
          const result = onMessage(reply);
          if (result !== undefined) {
            finish();
            resolve(result);
          }
        } catch (error) {
          finish();
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      };
      this.child.send(message);
    });
  }

  /** A message that needs no answer; dropped once the process is gone (a cancel killed it). */
  send(message: WorkerMessage): void {
    if (this.exited || !this.child.connected) return;
    this.child.send(message);
  }

  open(file: string, readOnly: boolean): Promise<string> {
    return this.exchange({ type: 'open', file, readOnly, modulePath: betterSqlitePath() }, (reply) => (reply.type === 'opened' ? String(reply.version) : undefined));
  }

  /** SIGKILL: works even while SQLite is inside one long native step. */
  async terminate(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.exited = true;
    this.child.kill('SIGKILL');
    await exited;
  }
}
