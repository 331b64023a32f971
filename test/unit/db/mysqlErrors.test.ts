import { describe, expect, it } from 'vitest';
import { mysqlQueryError } from '../../../electron/core/db/mysql/mysqlErrors';

const syntaxError = (near: string, line: number) => ({
  errno: 1064,
  sqlState: '42000',
  sqlMessage: `You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use near '${near}' at line ${line}`,
  message: 'syntax',
});

describe('MySQL error places', () => {
  it('finds the quoted text on the named line: column and 1-based position', () => {
    const sql = 'SELECT 1,\n\n FROM dual';
    const error = mysqlQueryError(syntaxError('FROM dual', 3), { sql, statementIndex: 0 });
    expect(error.code).toBe('QUERY_FAILED');
    expect(error.detail).toEqual({ errno: 1064, sqlstate: '42000', line: 3, column: 2, position: sql.indexOf('FROM') + 1 });
    expect(error.message).toMatch(/near 'FROM dual' at line 3, column 2$/);
  });

  it('counts the server line from the failing statement of a multi-statement run', () => {
    const sql = "SET @a = 1; SELECT 'x;\\';' AS t # a ; comment\n;\n\nDO 1;\n  -- note\n  SELECT\n 1 FORM dual";
    // The 4th statement starts at "-- note" (line 5 of the run); the server's line 3 of it is the run's line 7.
    const error = mysqlQueryError(syntaxError('dual', 3), { sql, statementIndex: 3 });
    expect(error.detail).toMatchObject({ line: 7, column: 9, position: sql.lastIndexOf('dual') + 1 });
    expect(error.message).toMatch(/at line 7, column 9$/);
  });

  it('places an error at the end of input (near \'\') at the statement end', () => {
    const sql = 'SELECT 1;\nSELECT 2,   ';
    const error = mysqlQueryError(syntaxError('', 1), { sql, statementIndex: 1 });
    expect(error.detail).toMatchObject({ line: 2, column: 10, position: sql.indexOf(',') + 2 });
  });

  it('finds quoted text that holds quotes and is cut at 80 characters', () => {
    const tail = `FORM t WHERE name = 'it''s' AND note = '${'x'.repeat(100)}'`;
    const sql = `SELECT a ${tail}`;
    const error = mysqlQueryError(syntaxError(tail.slice(0, 80), 1), { sql, statementIndex: 0 });
    expect(error.detail).toMatchObject({ line: 1, column: 10, position: 10 });
  });

  it('keeps the line alone when the quoted text is not on that line', () => {
    const sql = 'SELECT 1 FORM dual';
    const error = mysqlQueryError(syntaxError('something else', 1), { sql, statementIndex: 0 });
    expect(error.detail).toEqual({ errno: 1064, sqlstate: '42000', line: 1 });
    expect(error.message).toMatch(/at line 1$/);
  });

  it('leaves errors without a line as the server wrote them', () => {
    const error = mysqlQueryError({ errno: 1054, sqlState: '42S22', sqlMessage: "Unknown column 'nope' in 'field list'", message: 'x' }, { sql: 'SELECT nope', statementIndex: 0 });
    expect(error.detail).toEqual({ errno: 1054, sqlstate: '42S22' });
    expect(error.message).toBe("ERROR 1054 (42S22): Unknown column 'nope' in 'field list'");
  });
});
