import { classifyStatements } from '../../../../shared/sql/writesData';
import { splitDialectOf } from '../../../../shared/sql/dialect';
import { burrow } from '../../ipc/client';
import { useBurrowStore } from '../../store';

const FINISHED = new Set(['done', 'failed', 'cancelled']);

/**
 * Runs a statement that changes a table (DROP, TRUNCATE) on the session, after safe mode's
 * question if its profile has one, then reloads the schema tree. It goes through `query.run`, so
 * it is in the profile's history like any statement the user runs. Resolves with what went wrong,
 * `null` when it was done, or 'cancelled' when safe mode's question was answered no.
 */
export async function runTableChange(sessionId: string, sql: string): Promise<string | null | 'cancelled'> {
  const store = useBurrowStore.getState();
  const engine = store.sessions[sessionId]?.engine;
  if (!engine) return 'This connection has ended: connect again first.';
  if (!(await store.guardRun(sessionId, () => classifyStatements(sql, splitDialectOf(engine))))) return 'cancelled';
  const started = await burrow().query.run({ connectionId: sessionId, sql, rowLimit: 1 });
  if (!started.ok) return `${started.error.code}: ${started.error.message}`;
  let status = started.value;
  while (!FINISHED.has(status.state)) {
    const next = await burrow().query.status({ runId: status.runId, waitMs: 5_000 });
    if (!next.ok) return `${next.error.code}: ${next.error.message}`;
    status = next.value;
  }
  void burrow().query.release({ runId: status.runId });
  if (status.state !== 'done') return status.error ? `${status.error.code}: ${status.error.message}` : `the statement ended ${status.state}`;
  await useBurrowStore.getState().loadSchema(sessionId);
  return null;
}
