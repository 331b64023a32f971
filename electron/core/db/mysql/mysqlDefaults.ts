/**
 * A MySQL column default as SQL. MariaDB's information_schema already writes defaults as SQL
 * (`'text'`, `NULL`, `current_timestamp()`), as PostgreSQL does; MySQL writes a literal's bare
 * value and marks an expression default with DEFAULT_GENERATED in EXTRA. This makes MySQL's the
 * same, so the structure view shows, and the structure editor restates, one kind of text.
 */
export function mysqlDefaultSql(raw: string | null, extra: string): string | null {
  if (raw === null) return null;
  if (/DEFAULT_GENERATED/i.test(extra)) return /^(current_timestamp|now|localtime|localtimestamp)(\(\d*\))?$/i.test(raw) ? raw : `(${raw})`;
  if (/^b'[01]*'$/.test(raw)) return raw;
  return `'${raw.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
