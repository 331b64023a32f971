import type { Engine } from '../profile';
import type { SplitDialect } from './splitStatements';

/** How an engine's SQL is cut into statements: SQL Server's quoting is close enough to SQLite's. */
export function splitDialectOf(engine: Engine): SplitDialect {
  if (engine === 'postgres') return 'postgres';
  if (engine === 'mysql' || engine === 'mariadb') return 'mysql';
  return 'sqlite';
}

/** Quotes an identifier for the engine; the quote character is doubled inside, so any name is safe. */
export function quoteIdentifier(engine: Engine, name: string): string {
  if (engine === 'mysql' || engine === 'mariadb') return `\`${name.replace(/`/g, '``')}\``;
  if (engine === 'sqlserver') return `[${name.replace(/]/g, ']]')}]`;
  return `"${name.replace(/"/g, '""')}"`;
}

/** `schema.name` (or just `name`) quoted for the engine. */
export function qualifiedTable(engine: Engine, table: { schema: string | null; name: string }): string {
  const name = quoteIdentifier(engine, table.name);
  return table.schema ? `${quoteIdentifier(engine, table.schema)}.${name}` : name;
}
