import { format, type SqlLanguage } from 'sql-formatter';
import type { Engine } from '../../../../shared/profile';

const LANGUAGES: Record<Engine, SqlLanguage> = { postgres: 'postgresql', mysql: 'mysql', mariadb: 'mariadb', sqlserver: 'transactsql', sqlite: 'sqlite' };

/** The formatter takes about 5 ms per KB on the renderer's thread: past this the window would freeze. */
export const MAX_FORMAT_CHARS = 100_000;

/**
 * Pure: `sql` laid out in the engine's dialect (keywords upper case, two-space indents), or why it
 * could not be: the formatter parses the text, and an unfinished statement fails.
 */
export function formatSql(sql: string, engine: Engine): { ok: true; text: string } | { ok: false; error: string } {
  if (sql.length > MAX_FORMAT_CHARS) {
    return { ok: false, error: `the text is ${Math.ceil(sql.length / 1000)} KB, and Format takes at most ${MAX_FORMAT_CHARS / 1000} KB at a time: select a part of it` };
  }
  try {
    return { ok: true, text: format(sql, { language: LANGUAGES[engine], keywordCase: 'upper', tabWidth: 2 }) };
  } catch (error) {
    // The parser's message goes on to list every token it expected: its first line says where.
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    return { ok: false, error: first.replace(/^Parse error:?\s*/i, '') || 'the SQL could not be parsed' };
  }
}
