import { skipBlockComment, skipQuoted } from '../../../../shared/sql/splitStatements';

const DIRECTIVE = /[ \t]*delimiter[ \t]+(\S+)[ \t]*(?=\r?\n|$)/iy;

/**
 * Scripts from `mysqldump` and tutorials switch the statement delimiter (`DELIMITER $$`) around
 * procedure and trigger bodies. That is a directive of the mysql command-line client, not SQL: the
 * server parses BEGIN ... END bodies by itself in a multi-statement query. So the directive lines
 * become blanks and each custom delimiter a semicolon, padded to the same length, so the server's
 * line numbers still match the editor's. Strings, identifiers and comments are left alone.
 */
export function withoutDelimiterDirectives(sql: string): string {
  if (!/^[ \t]*delimiter[ \t]/im.test(sql)) return sql;
  let out = '';
  let delimiter = ';';
  let i = 0;
  let lineStart = true;
  while (i < sql.length) {
    if (lineStart) {
      lineStart = false;
      DIRECTIVE.lastIndex = i;
      const directive = DIRECTIVE.exec(sql);
      if (directive) {
        delimiter = directive[1]!;
        out += ' '.repeat(directive[0].length);
        i += directive[0].length;
        continue;
      }
    }
    const c = sql[i]!;
    let end = i + 1;
    if (c === '\n') {
      lineStart = true;
    } else if (c === '#' || (c === '-' && sql[i + 1] === '-' && !/\S/.test(sql[i + 2] ?? ' '))) {
      const lineEnd = sql.indexOf('\n', i);
      end = lineEnd === -1 ? sql.length : lineEnd;
    } else if (c === '/' && sql[i + 1] === '*') {
      end = skipBlockComment(sql, i, false);
    } else if (c === "'" || c === '"' || c === '`') {
      end = skipQuoted(sql, i, c, c !== '`');
    } else if (delimiter !== ';' && sql.startsWith(delimiter, i)) {
      out += ';'.padEnd(delimiter.length, ' ');
      i += delimiter.length;
      continue;
    }
    out += sql.slice(i, end);
    i = end;
  }
  return out;
}
