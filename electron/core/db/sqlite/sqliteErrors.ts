import { BurrowError } from '../../../../shared/errors';
import type { WorkerFailure } from './sqliteWorker';

const failureOf = (error: unknown): WorkerFailure | null => (error as { workerFailure?: WorkerFailure } | null)?.workerFailure ?? null;

export function sqliteOpenError(error: unknown, file: string): BurrowError {
  const failure = failureOf(error);
  const message = failure?.message ?? (error instanceof Error ? error.message : String(error));
  const code = failure?.code ?? 'ERROR';
  if (code === 'SQLITE_CANTOPEN' || /does not exist/i.test(message)) return new BurrowError('DB_NOT_FOUND', `no SQLite database at ${file}: ${message}`, { sqliteCode: code });
  if (code === 'SQLITE_NOTADB') return new BurrowError('DB_PROTOCOL_MISMATCH', `${file} is not a SQLite database (${message})`, { sqliteCode: code });
  if (code === 'SQLITE_PERM' || code === 'SQLITE_READONLY') return new BurrowError('DB_CONNECT_FAILED', `cannot open ${file}: ${message}`, { sqliteCode: code });
  return new BurrowError('DB_CONNECT_FAILED', `cannot open the SQLite database ${file}: ${message} (${code})`, { sqliteCode: code });
}

export function sqliteQueryError(error: unknown, statementStarts: readonly number[]): BurrowError {
  if (error instanceof BurrowError) return error;
  const failure = failureOf(error);
  if (!failure) return new BurrowError('QUERY_FAILED', error instanceof Error ? error.message : String(error));
  const detail: Record<string, unknown> = { sqliteCode: failure.code };
  if (failure.statementIndex !== undefined) {
    detail.statementIndex = failure.statementIndex;
    detail.position = (statementStarts[failure.statementIndex] ?? 0) + 1;
  }
  const where = failure.statementIndex !== undefined ? ` (statement ${failure.statementIndex + 1})` : '';
  return new BurrowError('QUERY_FAILED', `${failure.code}: ${failure.message}${where}`, detail);
}
