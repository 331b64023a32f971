import { describe, expect, it } from 'vitest';
import { killSql, processesFrom, processListSql } from '../../../electron/core/db/processes/processQueries';

describe('server processes', () => {
  it('maps the list query\'s rows, marking the session\'s own connection and keeping unknown times null', () => {
    expect(processesFrom([
      ['4242', 'app', 'shop', '10.0.0.7', 'active', '1500', 'SELECT pg_sleep(30)'],
      ['77', null, null, 'local', 'idle', null, null],
      ['78', 'app', 'shop', 'local', 'Query', 'n/a', 'x'],
    ], '77')).toEqual([
      { id: '4242', user: 'app', database: 'shop', client: '10.0.0.7', state: 'active', runningMs: 1500, query: 'SELECT pg_sleep(30)', own: false },
      { id: '77', user: null, database: null, client: 'local', state: 'idle', runningMs: null, query: null, own: true },
      { id: '78', user: 'app', database: 'shop', client: 'local', state: 'Query', runningMs: null, query: 'x', own: false },
    ]);
  });

  it('ends a statement or a session in each engine\'s way, never with anything but digits', () => {
    expect(killSql('postgres', '4242', 'query')).toEqual({ sql: 'SELECT pg_cancel_backend($1::int)::text', params: ['4242'], answers: true });
    expect(killSql('postgres', '4242', 'connection').sql).toBe('SELECT pg_terminate_backend($1::int)::text');
    expect(killSql('mariadb', '12', 'query')).toEqual({ sql: 'KILL QUERY 12', params: [], answers: false });
    expect(killSql('mysql', '12', 'connection').sql).toBe('KILL 12');
    expect(killSql('sqlserver', '55', 'connection').sql).toBe('KILL 55');
    expect(() => killSql('sqlserver', '55', 'query')).toThrow('SQL Server ends a statement only by ending its session: choose End session');
    expect(() => killSql('mysql', '1; DROP TABLE x', 'query')).toThrow('a process id is a whole number');
    expect(() => processListSql('sqlite')).toThrow(/SQLite has no server/);
  });
});
