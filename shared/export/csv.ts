import type { Cell } from '../query';

/**
 * One CSV field (RFC 4180): quoted, with doubled quotes, when it holds a comma, a quote or a line
 * break. NULL is an empty unquoted field and the empty string is `""`, as PostgreSQL's COPY ... CSV
 * writes them, so the two stay apart. Binary is its bytes in hex after `\x`, bytea's text form.
 */
export function csvField(cell: Cell | string): string {
  if (cell === null) return '';
  const text = typeof cell === 'string' ? cell
    : typeof cell === 'boolean' ? String(cell)
      : cell.kind === 'binary' ? `\\x${cell.hex}`
        : cell.text;
  if (text === '') return '""';
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, CRLF-terminated as RFC 4180 has it (spreadsheets read both). */
export function csvRecord(cells: readonly (Cell | string)[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}
