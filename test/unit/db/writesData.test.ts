import { describe, expect, it } from 'vitest';
import { classifyStatements, statementWrites } from '../../../shared/sql/writesData';

describe('which statements change data (safe mode)', () => {
  it('reads: queries, session settings, transaction control', () => {
    for (const sql of [
      'SELECT * FROM orders', '  -- note\n(SELECT 1)', 'WITH t AS (SELECT 1) SELECT * FROM t', 'SHOW TABLES', 'EXPLAIN SELECT 1',
      'EXPLAIN DELETE FROM t', 'VALUES (1)', 'SET search_path TO app', 'BEGIN', 'COMMIT', 'PRAGMA table_info(t)',
      "SELECT 'DELETE FROM t; INSERT' AS text, \"update\" FROM t", 'SELECT * FROM t FOR UPDATE', 'SELECT * FROM t FOR NO KEY UPDATE',
      'SELECT $$ DROP TABLE x $$', '/* UPDATE t */ SELECT 1',
    ]) expect([sql, statementWrites(sql, 'postgres')]).toEqual([sql, false]);
  });

  it('writes: DML, DDL, data-modifying CTEs, SELECT INTO, EXPLAIN ANALYZE of a write, calls, anything unknown', () => {
    for (const sql of [
      'UPDATE t SET x = 1', 'delete from t', 'INSERT INTO t VALUES (1)', 'TRUNCATE t', 'DROP TABLE t', 'CREATE INDEX i ON t (x)',
      'WITH gone AS (DELETE FROM t RETURNING *) SELECT count(*) FROM gone', 'SELECT * INTO t2 FROM t', 'EXPLAIN ANALYZE UPDATE t SET x = 1',
      'CALL archive()', 'GRANT SELECT ON t TO bob', 'VACUUM', 'PRAGMA foreign_keys = OFF', 'DO $$ BEGIN END $$',
    ]) expect([sql, statementWrites(sql, 'postgres')]).toEqual([sql, true]);
  });

  it('follows each dialect\'s quoting and comments', () => {
    expect(statementWrites("SELECT 'it\\'s; DELETE' # UPDATE\n", 'mysql')).toBe(false);
    expect(statementWrites('SELECT [delete] FROM t', 'sqlite')).toBe(false);
    expect(statementWrites('REPLACE INTO t VALUES (1)', 'mysql')).toBe(true);
    expect(classifyStatements('SELECT 1; UPDATE t SET a = 2; SHOW TABLES', 'mysql')).toEqual([
      { text: 'SELECT 1', writes: false }, { text: 'UPDATE t SET a = 2', writes: true }, { text: 'SHOW TABLES', writes: false },
    ]);
  });
});
