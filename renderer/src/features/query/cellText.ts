import type { Cell } from '../../../../shared/query';

/** How a cell reads in the grid; NULL is shown distinctly from the empty string. */
export function cellText(cell: Cell | undefined): { text: string; kind: 'null' | 'value' | 'binary' | 'pending' } {
  if (cell === undefined) return { text: '…', kind: 'pending' };
  if (cell === null) return { text: 'NULL', kind: 'null' };
  if (typeof cell === 'boolean') return { text: cell ? 'true' : 'false', kind: 'value' };
  if (typeof cell === 'string') return { text: cell, kind: 'value' };
  if (cell.kind === 'binary') return { text: `0x${cell.hex}${cell.truncated ? '…' : ''} (${cell.length} bytes)`, kind: 'binary' };
  return { text: `${cell.text}… (${cell.length} chars)`, kind: 'value' };
}
