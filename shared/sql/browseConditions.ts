import type { Engine } from '../profile';
import type { BrowseFilter } from '../query';
import { quoteIdentifier } from './dialect';

/**
 * The conditions of a table browser's filters, identifiers quoted; `value` writes each value (a
 * bind placeholder in core's queries, a string literal in "Open as SQL"). LIKE compares as text.
 */
export function browseConditions(engine: Engine, filters: readonly BrowseFilter[], value: (text: string) => string): string[] {
  const quote = (name: string): string => quoteIdentifier(engine, name);
  const asText = (column: string): string => {
    if (engine === 'postgres') return `${quote(column)}::text`;
    if (engine === 'sqlserver') return `CAST(${quote(column)} AS NVARCHAR(MAX))`;
    return quote(column);
  };
  return filters.map((filter) => {
    const column = quote(filter.column);
    switch (filter.op) {
      case 'is null':
        return `${column} IS NULL`;
      case 'is not null':
        return `${column} IS NOT NULL`;
      case 'like':
      case 'not like':
        return `${asText(filter.column)} ${filter.op.toUpperCase()} ${value(String(filter.value))}`;
      case 'in':
        return `${column} IN (${(Array.isArray(filter.value) ? filter.value : [String(filter.value)]).map(value).join(', ')})`;
      default:
        return `${column} ${filter.op} ${value(String(filter.value))}`;
    }
  });
}
