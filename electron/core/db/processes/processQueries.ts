import { BurrowError } from '../../../../shared/errors';
import type { Engine } from '../../../../shared/profile';
import type { ServerProcess } from '../../../../shared/serverProcesses';

const QUERY_CHARS = 4000;

/**
 * The server's client sessions but the one asking, busiest first: id, user, database, client,
 * state, running time (ms, while a statement runs), statement. Pure.
 */
export function processListSql(engine: Engine): string {
  switch (engine) {
    case 'postgres':
      return `SELECT pid::text, usename, datname, coalesce(host(client_addr), 'local'), state,
                     CASE WHEN state = 'active' THEN floor(extract(epoch FROM clock_timestamp() - query_start) * 1000)::bigint END,
                     left(query, ${QUERY_CHARS})
                FROM pg_stat_activity
               WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
               ORDER BY state = 'active' DESC, query_start`;
    case 'mysql':
    case 'mariadb':
      return `SELECT ID, USER, DB, HOST, IF(STATE IS NULL OR STATE = '', COMMAND, CONCAT(COMMAND, ': ', STATE)),
                     IF(COMMAND = 'Sleep', NULL, TIME * 1000), LEFT(INFO, ${QUERY_CHARS})
                FROM information_schema.PROCESSLIST
               WHERE ID <> CONNECTION_ID()
               ORDER BY COMMAND = 'Sleep', TIME DESC`;
    case 'sqlserver':
      return `SELECT CAST(s.session_id AS varchar(12)), s.login_name, DB_NAME(s.database_id), s.host_name, COALESCE(r.status, s.status),
                     r.total_elapsed_time, SUBSTRING(t.text, 1, ${QUERY_CHARS})
                FROM sys.dm_exec_sessions s
                LEFT JOIN sys.dm_exec_requests r ON r.session_id = s.session_id
                OUTER APPLY sys.dm_exec_sql_text(r.sql_handle) t
               WHERE s.is_user_process = 1 AND s.session_id <> @@SPID
               ORDER BY CASE WHEN r.session_id IS NULL THEN 1 ELSE 0 END, r.total_elapsed_time DESC`;
    case 'sqlite':
      throw new BurrowError('UNSUPPORTED', 'SQLite has no server: nothing but this connection reads the file through Burrow');
  }
}

const text = (cell: unknown): string | null => (cell === null || cell === undefined ? null : String(cell));

/** The list query's rows as processes; `ownId` is the server's id of the session's own connection. */
export function processesFrom(rows: readonly (readonly unknown[])[], ownId: string | null): ServerProcess[] {
  return rows.map((row) => {
    const running = text(row[5]);
    const ms = running === null ? null : Number(running);
    const id = text(row[0]) ?? '';
    return {
      id,
      user: text(row[1]),
      database: text(row[2]),
      client: text(row[3]),
      state: text(row[4]),
      runningMs: ms !== null && Number.isFinite(ms) ? ms : null,
      query: text(row[6]),
      own: ownId !== null && id === ownId,
    };
  });
}

/** Whether the engine ends a statement without ending its session (SQL Server only ends sessions). */
export const canEndQueryOnly = (engine: Engine): boolean => engine !== 'sqlserver';

/**
 * The statement that ends a process's running query or its whole session. `processId` is checked
 * to be digits by the request schema; MySQL's KILL takes no bind parameter, so it is written in.
 */
export function killSql(engine: Engine, processId: string, scope: 'query' | 'connection'): { sql: string; params: string[]; answers: boolean } {
  if (!/^\d{1,12}$/.test(processId)) throw new BurrowError('VALIDATION', 'a process id is a whole number');
  switch (engine) {
    case 'postgres':
      return { sql: `SELECT ${scope === 'query' ? 'pg_cancel_backend' : 'pg_terminate_backend'}($1::int)::text`, params: [processId], answers: true };
    case 'mysql':
    case 'mariadb':
      return { sql: `KILL ${scope === 'query' ? 'QUERY ' : ''}${processId}`, params: [], answers: false };
    case 'sqlserver':
      if (scope === 'query' && !canEndQueryOnly(engine)) throw new BurrowError('UNSUPPORTED', 'SQL Server ends a statement only by ending its session: choose End session');
      return { sql: `KILL ${processId}`, params: [], answers: false };
    case 'sqlite':
      throw new BurrowError('UNSUPPORTED', 'SQLite has no server sessions to end');
  }
}
