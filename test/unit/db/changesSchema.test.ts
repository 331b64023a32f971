import { describe, expect, it } from 'vitest';
import { changesSchema } from '../../../electron/core/db/sql/changesSchema';

describe('changesSchema: does a run leave the schema tree out of date', () => {
  it('sees DDL in any statement of a script, after comments and in any case', () => {
    expect(changesSchema('create table t (id int)', 'postgres')).toBe(true);
    expect(changesSchema('SELECT 1; /* first */ ALTER TABLE t ADD c int', 'postgres')).toBe(true);
    expect(changesSchema('-- note\nDrop view v', 'mysql')).toBe(true);
    expect(changesSchema('TRUNCATE t', 'mariadb')).toBe(true);
    expect(changesSchema('COMMENT ON TABLE t IS $$x$$', 'postgres')).toBe(true);
    expect(changesSchema("ATTACH DATABASE 'other.db' AS other", 'sqlite')).toBe(true);
    expect(changesSchema('ALTER TABLE t RENAME TO u', 'sqlserver')).toBe(true);
  });

  it('ignores the words inside strings, comments, dollar quotes and identifiers', () => {
    expect(changesSchema("SELECT 'DROP TABLE t'", 'postgres')).toBe(false);
    expect(changesSchema('SELECT 1 -- ; DROP TABLE t', 'postgres')).toBe(false);
    expect(changesSchema('SELECT $body$; CREATE TABLE x (a int); $body$', 'postgres')).toBe(false);
    expect(changesSchema('SELECT "create" FROM t', 'postgres')).toBe(false);
    expect(changesSchema('INSERT INTO created VALUES (1); UPDATE t SET a = 1; DELETE FROM drops', 'mysql')).toBe(false);
    expect(changesSchema('', 'sqlite')).toBe(false);
    // MySQL's backslash escape keeps the string open past the quote; # comments run to the line end.
    expect(changesSchema("SELECT 'it\\'s; DROP TABLE t'", 'mariadb')).toBe(false);
    expect(changesSchema("SELECT 'it\\'s; DROP TABLE t'", 'postgres')).toBe(true);
    expect(changesSchema('SELECT 1 # ; DROP TABLE t', 'mysql')).toBe(false);
  });
});
