import type { Engine } from '../../../../shared/profile';

/** What asks the engine for a statement's plan without running it; null where Burrow offers none (SQL Server). */
export function explainPrefix(engine: Engine): string | null {
  if (engine === 'sqlite') return 'EXPLAIN QUERY PLAN ';
  if (engine === 'sqlserver') return null;
  return 'EXPLAIN ';
}
