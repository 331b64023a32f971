import type { BrowseFilter } from '../../../../shared/query';
import type { Engine } from '../../../../shared/profile';
import { quoteIdentifier } from '../../../../shared/sql/dialect';
import { sqlTextLiteral } from '../../../../shared/export/sqlInsert';
import { browseConditions } from '../../../../shared/sql/browseConditions';
import type { BrowseSort, BrowseTable } from '../../store/schemaSlice';

/**
 * Pure: a browser's table, filters and sort as a SELECT to edit and run in a query tab (and from
 * there fetch whole or export), with the browser's own conditions (browseConditions). Values are
 * written as string literals, which every engine compares with the column's type as the browser's
 * bind parameters do.
 */
export function browseAsSql(engine: Engine, table: BrowseTable, filters: readonly BrowseFilter[], sort: readonly BrowseSort[]): string {
  const quote = (name: string): string => quoteIdentifier(engine, name);
  const conditions = browseConditions(engine, filters, (value) => sqlTextLiteral(engine, value));
  const from = [table.schema, table.name].filter((part): part is string => part !== null).map(quote).join('.');
  const where = conditions.length > 0 ? `\nWHERE ${conditions.join('\n  AND ')}` : '';
  const orderBy = sort.length > 0 ? `\nORDER BY ${sort.map((s) => `${quote(s.column)} ${s.direction === 'desc' ? 'DESC' : 'ASC'}`).join(', ')}` : '';
  return `SELECT *\nFROM ${from}${where}${orderBy}`;
}
