import { skipBlockComment } from './splitStatements';

export interface Batch {
  /** Sent as is: the server numbers error lines from the batch's first line. */
  text: string;
  /** Offset of `text` in the submitted SQL. */
  start: number;
  /** `GO 3` runs the batch three times. */
  repeat: number;
}

const GO_LINE = /^[ \t]*go(?:[ \t]+(\d+))?[ \t]*(?:--[^\n]*)?\r?$/i;

/**
 * Splits a script at `GO` lines, the batch separator of sqlcmd and SSMS (the server itself does not
 * know it), skipping strings, [identifiers] and comments, where a GO line means nothing. Inside a
 * batch nothing is split: T-SQL needs no semicolons, and CREATE PROCEDURE must be alone in its batch
 * with the semicolons of its body. Batches holding only whitespace and comments are dropped.
 */
export function splitBatches(sql: string): Batch[] {
  const batches: Batch[] = [];
  let start = 0;
  let hasCode = false;
  let i = 0;
  let lineStart = true;
  while (i < sql.length) {
    if (lineStart) {
      const end = sql.indexOf('\n', i);
      const lineEnd = end === -1 ? sql.length : end;
      const go = GO_LINE.exec(sql.slice(i, lineEnd));
      if (go) {
        if (hasCode) batches.push({ text: sql.slice(start, i).trimEnd(), start, repeat: Math.max(1, Number(go[1] ?? 1)) });
        start = end === -1 ? sql.length : end + 1;
        hasCode = false;
        i = start;
        continue;
      }
    }
    const c = sql[i]!;
    const next = sql[i + 1];
    lineStart = false;
    if (c === '\n') {
      lineStart = true;
      i++;
    } else if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
    } else if (c === '/' && next === '*') {
      i = skipBlockComment(sql, i, true);
    } else if (c === "'" || c === '"' || c === '[') {
      hasCode = true;
      i = skipQuoted(sql, i, c === '[' ? ']' : c);
    } else {
      if (!/\s/.test(c)) hasCode = true;
      i++;
    }
  }
  if (hasCode) batches.push({ text: sql.slice(start).trimEnd(), start, repeat: 1 });
  return batches;
}

/** Quotes end at the closing character; a doubled one ('' ]] "") is part of the text. */
function skipQuoted(sql: string, at: number, close: string): number {
  let i = at + 1;
  while (i < sql.length) {
    if (sql[i] === close) {
      if (sql[i + 1] === close) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return sql.length;
}
