import { describe, expect, it } from 'vitest';
import { whyNotRerunnable } from '../../../shared/sql/rerunnableQuery';

describe('whyNotRerunnable', () => {
  it('lets one reading statement run again, comments and a trailing semicolon included', () => {
    expect(whyNotRerunnable('-- all of it\nSELECT * FROM t WHERE note = \'a; DELETE\';', 'postgres')).toBeNull();
    expect(whyNotRerunnable('WITH x AS (SELECT 1) SELECT * FROM x', 'postgres')).toBeNull();
    expect(whyNotRerunnable('(SELECT 1) UNION (SELECT 2)', 'mysql')).toBeNull();
    expect(whyNotRerunnable('SHOW TABLES', 'mariadb')).toBeNull();
    expect(whyNotRerunnable('SELECT * FROM t FOR UPDATE', 'postgres')).toBeNull();
  });

  it('refuses several statements, writes hidden in a reading statement, and statements that return no rows', () => {
    expect(whyNotRerunnable('SELECT 1; SELECT 2', 'postgres')).toMatch(/one statement; this run has 2/);
    expect(whyNotRerunnable('DELETE FROM t RETURNING *', 'postgres')).toMatch(/may change data/);
    expect(whyNotRerunnable('WITH gone AS (DELETE FROM t RETURNING *) SELECT * FROM gone', 'postgres')).toMatch(/may change data/);
    expect(whyNotRerunnable('SELECT * INTO copy FROM t', 'sqlserver')).toMatch(/may change data/);
    expect(whyNotRerunnable('SET search_path = x', 'postgres')).toMatch(/only reads/);
    expect(whyNotRerunnable('', 'postgres')).toMatch(/this run has 0/);
  });
});
