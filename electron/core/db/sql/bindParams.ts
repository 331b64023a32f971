import type { Engine } from '../../../../shared/profile';
import { quoteIdentifier } from '../../../../shared/sql/dialect';

/** `schema.name`, or `name` alone, quoted. */
export function qualifiedTable(engine: Engine, table: { schema: string | null; name: string }): string {
  const name = quoteIdentifier(engine, table.name);
  return table.schema ? `${quoteIdentifier(engine, table.schema)}.${name}` : name;
}

/**
 * Collects bind parameters in order and hands out the engine's placeholder for each: $n
 * (PostgreSQL), @pn (SQL Server) or ? (the others).
 */
export class BindParams<T = string> {
  readonly values: T[] = [];

  constructor(private readonly engine: Engine) {}

  add(value: T): string {
    this.values.push(value);
    if (this.engine === 'postgres') return `$${this.values.length}`;
    if (this.engine === 'sqlserver') return `@p${this.values.length}`;
    return '?';
  }
}
