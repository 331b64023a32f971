import type { Environment } from '../../../../shared/profile';
import { environmentTag } from './connectionCue';

/** "PROD" / "STAGING" beside a connection's name; nothing for other environments. */
export function EnvironmentTag({ environment }: { environment: Environment | undefined }) {
  const tag = environment ? environmentTag(environment) : null;
  if (!tag) return null;
  return <span className={`env-tag env-${environment}`} data-testid="env-tag" title={`Environment: ${environment}`}>{tag}</span>;
}

/** "READ-ONLY" beside a connection whose server refuses writes. */
export function ReadOnlyTag({ readOnly }: { readOnly: boolean | undefined }) {
  if (!readOnly) return null;
  return <span className="env-tag env-read-only" data-testid="read-only-tag" title="Read-only: the server refuses changes on this connection">READ-ONLY</span>;
}
