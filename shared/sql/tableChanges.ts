import type { Engine } from '../profile';
import { qualifiedTable } from './dialect';

export type TableChange = 'drop' | 'truncate';

export interface TableChangeSpec {
  table: { schema: string | null; name: string };
  kind: 'table' | 'view';
  /** PostgreSQL: also drop (or empty) what depends on it. */
  cascade: boolean;
}

/**
 * Pure: the statement that drops a table or view, or empties a table, in the engine's syntax.
 * SQLite has no TRUNCATE: DELETE without WHERE is its way (and it keeps the table's definition).
 */
export function tableChangeSql(engine: Engine, change: TableChange, spec: TableChangeSpec): string {
  const target = qualifiedTable(engine, spec.table);
  const cascade = spec.cascade && engine === 'postgres' ? ' CASCADE' : '';
  if (change === 'drop') return `DROP ${spec.kind === 'view' ? 'VIEW' : 'TABLE'} ${target}${cascade}`;
  if (spec.kind === 'view') throw new Error('a view holds no rows of its own to empty');
  if (engine === 'sqlite') return `DELETE FROM ${target}`;
  return `TRUNCATE TABLE ${target}${cascade}`;
}
