import type { TableInfo } from '../../../../shared/query';

/**
 * Pure: the tables matching what was typed, best first: an exact name, then names starting with
 * it, then names containing it, then names holding its letters in order (`ordit` finds
 * `order_items`). Case is ignored; `schema.` narrows to that schema.
 */
export function searchTables(tables: readonly TableInfo[], typed: string, limit = 50): TableInfo[] {
  const text = typed.trim().toLowerCase();
  const dot = text.lastIndexOf('.');
  const schema = dot >= 0 ? text.slice(0, dot) : null;
  const needle = dot >= 0 ? text.slice(dot + 1) : text;
  const scored: { table: TableInfo; score: number }[] = [];
  for (const table of tables) {
    if (schema !== null && (table.schema ?? '').toLowerCase() !== schema) continue;
    const name = table.name.toLowerCase();
    const score = name === needle ? 0 : name.startsWith(needle) ? 1 : name.includes(needle) ? 2 : inOrder(name, needle) ? 3 : -1;
    if (score >= 0) scored.push({ table, score });
  }
  scored.sort((a, b) => a.score - b.score || a.table.name.length - b.table.name.length || a.table.name.localeCompare(b.table.name));
  return scored.slice(0, limit).map((entry) => entry.table);
}

function inOrder(name: string, needle: string): boolean {
  let at = 0;
  for (const char of needle) {
    at = name.indexOf(char, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}
