import type { Environment, SafeMode } from '../../../../shared/profile';

export interface SafeModeAsk {
  /** confirm: a yes/no question; password: the database password before going ahead. */
  kind: 'confirm' | 'password';
  title: string;
  /** The statements asked about (the first few are shown). */
  statements: string[];
}

const ENVIRONMENT_NAMES: Record<Environment, string> = { local: 'local', development: 'development', testing: 'testing', staging: 'staging', production: 'production' };

/**
 * Pure: what safe mode asks before a run of `statements` on a connection, or null to run at once:
 * confirmAll asks about every run; confirmWrites and passwordForWrites only about runs with a
 * statement that may change data.
 */
export function safeModeAsk(
  connection: { name: string; environment: Environment; safeMode: SafeMode },
  statements: readonly { text: string; writes: boolean }[],
): SafeModeAsk | null {
  if (connection.safeMode === 'silent' || statements.length === 0) return null;
  const on = `on ${connection.name} (${ENVIRONMENT_NAMES[connection.environment]})`;
  const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  if (connection.safeMode === 'confirmAll') {
    return { kind: 'confirm', title: `Run ${count(statements.length, 'statement')} ${on}?`, statements: statements.map((s) => s.text) };
  }
  const writes = statements.filter((statement) => statement.writes).map((statement) => statement.text);
  if (writes.length === 0) return null;
  const title = `Run ${count(writes.length, 'statement')} that may change data ${on}?`;
  return { kind: connection.safeMode === 'passwordForWrites' ? 'password' : 'confirm', title, statements: writes };
}
