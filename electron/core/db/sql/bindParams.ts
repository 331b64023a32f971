import type { Engine } from '../../../../shared/profile';

/** Quotes an identifier for the engine; the quote character is doubled inside, so any name is safe. */
export function quoteIdentifier(engine: Engine, name: string): string {
  if (engine === 'mysql' || engine === 'mariadb') return `\`${name.replace(/`/g, '``')}\``;
  if (engine === 'sqlserver') return `[${name.replace(/]/g, ']]')}]`;
  return `"${name.replace(/"/g, '""')}"`;
}

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
