import type { Engine } from '../../../../shared/profile';
import type { BrowseFilter } from '../../../../shared/query';
import { quoteIdentifier } from '../../../../shared/sql/dialect';
import { BindParams, qualifiedTable } from '../sql/bindParams';

export interface BrowseSpec {
  table: { schema: string | null; name: string };
  sort: { column: string; direction: 'asc' | 'desc' }[];
  filters: BrowseFilter[];
  offset: number;
  /** Rows to fetch; the caller asks for one more than a page to learn whether more follow. */
  limit: number;
}

/**
 * SELECT * of one table page: identifiers quoted, every filter value a bind parameter, never text
 * spliced into the SQL. Placeholders are $n (PostgreSQL), @pn (SQL Server) or ? (the others).
 */
export function buildBrowseQuery(engine: Engine, spec: BrowseSpec): { sql: string; params: string[] } {
  const bind = new BindParams(engine);
  const placeholder = (value: string): string => bind.add(value);
  const quote = (name: string): string => quoteIdentifier(engine, name);
  const asText = (column: string): string => {
    if (engine === 'postgres') return `${quote(column)}::text`;
    if (engine === 'sqlserver') return `CAST(${quote(column)} AS NVARCHAR(MAX))`;
    return quote(column);
  };
  const table = qualifiedTable(engine, spec.table);
  const conditions = spec.filters.map((filter) => {
    const column = quote(filter.column);
    switch (filter.op) {
      case 'is null':
        return `${column} IS NULL`;
      case 'is not null':
        return `${column} IS NOT NULL`;
      case 'like':
      case 'not like':
        return `${asText(filter.column)} ${filter.op.toUpperCase()} ${placeholder(String(filter.value))}`;
      case 'in':
        return `${column} IN (${(filter.value as string[]).map(placeholder).join(', ')})`;
      default:
        return `${column} ${filter.op} ${placeholder(String(filter.value))}`;
    }
  });
  const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  const orderBy = spec.sort.length > 0 ? ` ORDER BY ${spec.sort.map((s) => `${quote(s.column)} ${s.direction === 'desc' ? 'DESC' : 'ASC'}`).join(', ')}` : '';
  // Numbers from the validated request, not user text.
  const limit = Math.trunc(spec.limit);
  const offset = Math.trunc(spec.offset);
  if (engine === 'sqlserver') {
    return { sql: `SELECT * FROM ${table}${where}${orderBy || ' ORDER BY (SELECT NULL)'} OFFSET ${offset} ROWS FETCH NEXT ${limit} ROWS ONLY`, params: bind.values };
  }
  return { sql: `SELECT * FROM ${table}${where}${orderBy} LIMIT ${limit} OFFSET ${offset}`, params: bind.values };
}
