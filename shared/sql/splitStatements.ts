export interface Statement {
  text: string;
  /** Offset of `text` in the submitted SQL, to map a server's error position back. */
  start: number;
  /** Offset just past the semicolon before this statement (0 for the first): where MySQL starts counting its lines, after blanks. */
  afterSeparator: number;
}

export type SplitDialect = 'postgres' | 'sqlite' | 'mysql';

/**
 * Splits SQL at top-level semicolons, respecting quotes, comments, PostgreSQL dollar quotes and
 * E'' strings, SQLite's [identifiers] and the BEGIN ... END body of CREATE TRIGGER, MySQL's
 * backslash escapes, backticks and # comments. Statements with nothing but whitespace and comments
 * are dropped, unless `keepEmpty` asks for every segment between semicolons (MySQL answers each).
 */
export function splitStatements(sql: string, dialect: SplitDialect, options: { keepEmpty?: boolean } = {}): Statement[] {
  const statements: Statement[] = [];
  let i = 0;
  let hasCode = false;
  let codeStart = -1;
  let triggerDepth = 0;
  let afterSeparator = 0;
  const push = (end: number): void => {
    if (hasCode) statements.push({ text: sql.slice(codeStart, end).trimEnd(), start: codeStart, afterSeparator });
    else if (options.keepEmpty) statements.push({ text: '', start: afterSeparator, afterSeparator });
    hasCode = false;
    codeStart = -1;
    triggerDepth = 0;
  };
  const markCode = (at: number): void => {
    if (!hasCode) {
      hasCode = true;
      codeStart = at;
    }
  };
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    // MySQL needs a blank after "--" (1--1 is arithmetic) and also takes # to the end of the line.
    const lineComment = c === '-' && next === '-' ? dialect !== 'mysql' || !/\S/.test(sql[i + 2] ?? ' ') : c === '#' && dialect === 'mysql';
    if (lineComment) {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
      continue;
    }
    if (c === '/' && next === '*') {
      i = skipBlockComment(sql, i, dialect === 'postgres');
      continue;
    }
    if (c === ';') {
      if (triggerDepth > 0) {
        i++;
        continue;
      }
      push(i);
      i++;
      afterSeparator = i;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    markCode(i);
    if (c === "'") {
      const escapes = dialect === 'mysql' || (dialect === 'postgres' && i > 0 && /[eE]/.test(sql[i - 1]!) && !/\w/.test(sql[i - 2] ?? ' '));
      i = skipQuoted(sql, i, "'", escapes);
    } else if (c === '"') {
      i = skipQuoted(sql, i, c, dialect === 'mysql');
    } else if (c === '`' && dialect !== 'postgres') {
      i = skipQuoted(sql, i, c, false);
    } else if (c === '[' && dialect === 'sqlite') {
      const end = sql.indexOf(']', i + 1);
      i = end === -1 ? sql.length : end + 1;
    } else if (c === '$' && dialect === 'postgres') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 65));
      if (tag && !/[\w$]/.test(sql[i - 1] ?? ' ')) {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        i = end === -1 ? sql.length : end + tag[0].length;
      } else {
        i++;
      }
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i, i + 64))![0];
      if (dialect === 'sqlite') triggerDepth = trackTrigger(sql.slice(codeStart, i), word.toUpperCase(), triggerDepth);
      i += word.length;
    } else {
      i++;
    }
  }
  push(sql.length);
  return statements;
}

/** Inside CREATE TRIGGER, semicolons end the body's statements, not the trigger: wait for END. */
function trackTrigger(before: string, word: string, depth: number): number {
  if (word === 'BEGIN' && /^\s*CREATE\s+(TEMP\s+|TEMPORARY\s+)?TRIGGER\b/i.test(before)) return depth + 1;
  if (word === 'CASE' && depth > 0) return depth + 1;
  if (word === 'END' && depth > 0) return depth - 1;
  return depth;
}

export function skipQuoted(sql: string, at: number, quote: string, backslashEscapes: boolean): number {
  let i = at + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslashEscapes && c === '\\') {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (sql[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return sql.length;
}

/** The index after the block comment starting at `at`; `nested` for dialects whose comments nest (PostgreSQL, T-SQL). */
export function skipBlockComment(sql: string, at: number, nested: boolean): number {
  let depth = 0;
  let i = at;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*' && (nested || depth === 0)) {
      depth++;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return sql.length;
}

/** The first keyword of a statement, upper-cased (after comments and opening parentheses). */
export function firstKeyword(statement: string): string {
  const match = /^(?:\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/|\()*([A-Za-z]+)/.exec(statement);
  return match?.[1]?.toUpperCase() ?? '';
}
