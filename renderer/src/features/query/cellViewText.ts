import type { Cell } from '../../../../shared/query';

/**
 * Pure: a whole cell as the viewer shows it: JSON objects and arrays laid out, binary as hex, NULL
 * as NULL. `copy` is the text Copy puts on the clipboard (the value as the server gave it).
 */
export function cellViewText(cell: Cell, dataType: string): { text: string; copy: string; note: string } {
  if (cell === null) return { text: 'NULL', copy: '', note: 'NULL' };
  if (typeof cell === 'boolean') return { text: String(cell), copy: String(cell), note: 'boolean' };
  if (typeof cell === 'object' && cell.kind === 'binary') {
    return { text: cell.hex, copy: cell.hex, note: `${cell.length.toLocaleString('en-US')} bytes${cell.truncated ? ', cut for display' : ''}` };
  }
  const raw = typeof cell === 'string' ? cell : cell.text;
  const chars = `${(typeof cell === 'string' ? raw.length : cell.length).toLocaleString('en-US')} characters${typeof cell === 'string' ? '' : ', cut for display'}`;
  const trimmed = raw.trimStart();
  if (/json/i.test(dataType) || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (parsed !== null && typeof parsed === 'object') return { text: JSON.stringify(parsed, null, 2), copy: raw, note: `${chars}, JSON` };
    } catch {
      // Not JSON after all: shown as it is.
    }
  }
  return { text: raw, copy: raw, note: chars };
}
