import type { BrowseFilter, Cell } from '../../../../shared/query';

/**
 * Pure: the quick filters a browsed cell offers: equal / not equal to its value, or IS NULL /
 * IS NOT NULL for a NULL. A cell the grid shows cut or as bytes offers only the NULL tests.
 */
export function cellFilters(column: string, cell: Cell | undefined): { label: string; filter: BrowseFilter }[] {
  if (cell === undefined) return [];
  if (cell === null) return [{ label: `${column} IS NULL`, filter: { column, op: 'is null' } }];
  const value = typeof cell === 'boolean' ? String(cell) : typeof cell === 'string' ? cell : null;
  const notNull = { label: `${column} IS NOT NULL`, filter: { column, op: 'is not null' as const } };
  if (value === null) return [notNull];
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return [
    { label: `${column} = ${shown}`, filter: { column, op: '=', value } },
    { label: `${column} <> ${shown}`, filter: { column, op: '<>', value } },
    notNull,
  ];
}
