import type { Engine } from '../../../../shared/profile';
import type { BrowseFilter } from '../../../../shared/query';
import { qualifiedTable, quoteIdentifier } from '../../../../shared/sql/dialect';
import { BindParams } from '../sql/bindParams';
import { browseConditions } from '../../../../shared/sql/browseConditions';

export interface BrowseSpec {
  table: { schema: string | null; name: string };
  sort: { column: string; direction: 'asc' | 'desc' }[];
  filters: BrowseFilter[];
  offset: number;
  /** Rows to fetch; the caller asks for one more than a page to learn whether more follow. */
  limit: number;
}

/** The ORDER BY clause of a browser's sort; empty without one. */
function orderByOf(engine: Engine, sort: BrowseSpec['sort']): string {
  return sort.length > 0 ? ` ORDER BY ${sort.map((s) => `${quoteIdentifier(engine, s.column)} ${s.direction === 'desc' ? 'DESC' : 'ASC'}`).join(', ')}` : '';
}

/** The WHERE clause of a browser's filters, every value a bind parameter; empty without filters. */
function whereOf(engine: Engine, filters: readonly BrowseFilter[], bind: BindParams): string {
  const conditions = browseConditions(engine, filters, (value) => bind.add(value));
  return conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
}

/**
 * SELECT * of one table page: identifiers quoted, every filter value a bind parameter, never text
 * spliced into the SQL. Placeholders are $n (PostgreSQL), @pn (SQL Server) or ? (the others).
 */
export function buildBrowseQuery(engine: Engine, spec: BrowseSpec): { sql: string; params: string[] } {
  const bind = new BindParams(engine);
  const table = qualifiedTable(engine, spec.table);
  const where = whereOf(engine, spec.filters, bind);
  const orderBy = orderByOf(engine, spec.sort);
  // Numbers from the validated request, not user text.
  const limit = Math.trunc(spec.limit);
  const offset = Math.trunc(spec.offset);
  if (engine === 'sqlserver') {
    return { sql: `SELECT * FROM ${table}${where}${orderBy || ' ORDER BY (SELECT NULL)'} OFFSET ${offset} ROWS FETCH NEXT ${limit} ROWS ONLY`, params: bind.values };
  }
  return { sql: `SELECT * FROM ${table}${where}${orderBy} LIMIT ${limit} OFFSET ${offset}`, params: bind.values };
}

/** Every row a browser's filters let through, in its sort order: what a table export reads. */
export function buildExportQuery(engine: Engine, spec: Pick<BrowseSpec, 'table' | 'filters' | 'sort'>): { sql: string; params: string[] } {
  const bind = new BindParams(engine);
  const where = whereOf(engine, spec.filters, bind);
  const orderBy = orderByOf(engine, spec.sort);
  return { sql: `SELECT * FROM ${qualifiedTable(engine, spec.table)}${where}${orderBy}`, params: bind.values };
}

/** The exact number of rows a browser's filters let through, with the same WHERE clause as its pages. */
export function buildCountQuery(engine: Engine, spec: Pick<BrowseSpec, 'table' | 'filters'>): { sql: string; params: string[] } {
  const bind = new BindParams(engine);
  const where = whereOf(engine, spec.filters, bind);
  const count = engine === 'sqlserver' ? 'COUNT_BIG(*)' : 'COUNT(*)';
  return { sql: `SELECT ${count} FROM ${qualifiedTable(engine, spec.table)}${where}`, params: bind.values };
}
