import { describe, expect, it } from 'vitest';
import { statementAt } from '../../../renderer/src/features/query/statementAt';

describe('the statement at the cursor', () => {
  const script = "SELECT 1 AS one;\n\n-- the next one; not split here\nSELECT ';' AS two;\nUPDATE t SET x = 1";

  it('is the statement the cursor is in, with where it starts in the text', () => {
    const second = script.indexOf("SELECT ';'");
    expect(statementAt(script, 3, 'postgres')).toEqual({ sql: 'SELECT 1 AS one', from: 0 });
    expect(statementAt(script, second + 9, 'postgres')).toEqual({ sql: "SELECT ';' AS two", from: second });
    expect(statementAt(script, script.length, 'postgres')).toEqual({ sql: 'UPDATE t SET x = 1', from: script.indexOf('UPDATE') });
  });

  it('between statements is the one before; before the first, the first; none in blank text', () => {
    expect(statementAt(script, script.indexOf('-- the'), 'postgres')!.sql).toBe('SELECT 1 AS one');
    expect(statementAt('\n\n  SELECT 5', 0, 'sqlite')).toEqual({ sql: 'SELECT 5', from: 4 });
    expect(statementAt('  -- nothing\n', 3, 'postgres')).toBeNull();
  });

  it('splits as each engine does: MySQL backslash escapes, SQL Server GO batches', () => {
    const mysql = "SELECT 'a\\';b' AS s; SELECT 2";
    expect(statementAt(mysql, 2, 'mariadb')!.sql).toBe("SELECT 'a\\';b' AS s");
    const tsql = 'CREATE PROCEDURE p AS BEGIN SELECT 1; SELECT 2; END\nGO\nEXEC p';
    expect(statementAt(tsql, 30, 'sqlserver')).toEqual({ sql: 'CREATE PROCEDURE p AS BEGIN SELECT 1; SELECT 2; END', from: 0 });
    expect(statementAt(tsql, tsql.length, 'sqlserver')!.sql).toBe('EXEC p');
  });
});
