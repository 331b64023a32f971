import { describe, expect, it } from 'vitest';
import { withoutDelimiterDirectives } from '../../../electron/core/db/mysql/mysqlDelimiters';
import { changesSchema } from '../../../electron/core/db/sql/changesSchema';

describe('DELIMITER directives in MySQL scripts', () => {
  it('blanks the directives and turns custom delimiters into semicolons, keeping every offset', () => {
    const script = [
      'DELIMITER $$',
      "CREATE PROCEDURE p() BEGIN SELECT '$$', `a$$b` /* $$ */; -- $$",
      'END$$',
      '  delimiter ;;  ',
      'SELECT 1;; SELECT "x;;"',
      'DELIMITER ;',
      'SELECT $$2;',
    ].join('\n');
    const rewritten = withoutDelimiterDirectives(script);
    expect(rewritten).toHaveLength(script.length);
    expect(rewritten.split('\n')).toEqual([
      ' '.repeat('DELIMITER $$'.length),
      "CREATE PROCEDURE p() BEGIN SELECT '$$', `a$$b` /* $$ */; -- $$",
      'END; ',
      ' '.repeat('  delimiter ;;  '.length),
      'SELECT 1;  SELECT "x;;"',
      ' '.repeat('DELIMITER ;'.length),
      'SELECT $$2;',
    ]);
  });

  it('leaves a script without directives as it is, even with the word inside a line', () => {
    const sql = "SELECT 'DELIMITER $$'; -- DELIMITER //\nSELECT delimiter FROM t";
    expect(withoutDelimiterDirectives(sql)).toBe(sql);
    expect(withoutDelimiterDirectives('SELECT 1\n/*\nDELIMITER $$\n*/ $$')).toBe('SELECT 1\n/*\nDELIMITER $$\n*/ $$');
  });

  it('sees the DDL of a script that switches delimiters', () => {
    expect(changesSchema('DELIMITER //\nCREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; END//\nDELIMITER ;', 'mariadb')).toBe(true);
  });
});
