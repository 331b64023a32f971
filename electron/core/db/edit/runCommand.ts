import type { DbConnection, ResultWriter, RunSink } from '../types';

/** Runs one statement of Burrow's own and answers the rows it affected (null where the engine does not say); rows it returns are dropped. */
export async function runCommand(connection: DbConnection, sql: string, params?: (string | null)[]): Promise<number | null> {
  let affected: number | null = null;
  const discard: ResultWriter = { push: () => false, markLimited: () => {}, end: () => {} };
  const sink: RunSink = {
    beginRows: () => discard,
    command: (outcome) => {
      affected = outcome.rowsAffected;
    },
  };
  await connection.run(sql, { rowLimit: null, ...(params ? { params } : {}) }, sink);
  return affected;
}
