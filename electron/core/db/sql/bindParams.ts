import type { Engine } from '../../../../shared/profile';

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
