import { skipBlockComment, skipQuoted, type SplitDialect } from './splitStatements';

/** A word of code (upper-cased in `upper`; a quoted name has none), or one character of punctuation. */
export type Token = { kind: 'name'; name: string; upper: string | null } | { kind: 'punct'; text: string };

/** Punctuation tokens are shared, one per character: a long script makes many. */
const puncts = new Map<string, Token>();
const punct = (text: string): Token => {
  let token = puncts.get(text);
  if (!token) puncts.set(text, (token = Object.freeze({ kind: 'punct', text }) as Token));
  return token;
};
/** A-Z, a-z, _ start a word; digits and $ may follow. */
const isWordStart = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
const isWordPart = (code: number): boolean => isWordStart(code) || (code >= 48 && code <= 57) || code === 36;

const lineEnd = (text: string, at: number): number => {
  const end = text.indexOf('\n', at);
  return end === -1 ? text.length : end + 1;
};

/**
 * The statement's names and punctuation outside strings and comments: an unquoted word carries its
 * upper-cased text (a keyword candidate), a quoted name none, and a string literal is one `'` mark.
 */
export function tokensOf(text: string, dialect: SplitDialect): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '-' && next === '-') i = lineEnd(text, i);
    else if (c === '#' && dialect === 'mysql') i = lineEnd(text, i);
    else if (c === '/' && next === '*') i = skipBlockComment(text, i, dialect === 'postgres');
    else if (c === "'") {
      i = skipQuoted(text, i, "'", dialect === 'mysql');
      tokens.push(punct("'"));
    } else if (c === '"' || c === '`' || (c === '[' && dialect === 'sqlite')) {
      const close = c === '[' ? ']' : c;
      const end = skipQuoted(text, i, close, false);
      tokens.push({ kind: 'name', name: text.slice(i + 1, end - 1).replaceAll(close + close, close), upper: null });
      i = end;
    } else if (c === '$' && dialect === 'postgres' && /^\$[A-Za-z_]*\$/.test(text.slice(i, i + 64))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i, i + 64))![0];
      const close = text.indexOf(tag, i + tag.length);
      i = close === -1 ? text.length : close + tag.length;
      tokens.push(punct("'"));
    } else if (isWordStart(text.charCodeAt(i))) {
      let end = i + 1;
      while (end < text.length && isWordPart(text.charCodeAt(end))) end++;
      const word = text.slice(i, end);
      tokens.push({ kind: 'name', name: word, upper: word.toUpperCase() });
      i = end;
    } else {
      if (c !== ' ' && c !== '\n' && c !== '\t' && c !== '\r' && !/\s/.test(c)) tokens.push(punct(c));
      i++;
    }
  }
  return tokens;
}

