import { useState } from 'react';
import { runTableChange } from './runTableChange';

/**
 * A dialog's run of a statement that changes the schema (see runTableChange): busy while it runs,
 * the server's refusal kept to show in the dialog. `apply` resolves true once it was done.
 */
export function useTableChangeRun(sessionId: string): { busy: boolean; error: string | null; apply(sql: string): Promise<boolean> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const apply = async (sql: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    const outcome = await runTableChange(sessionId, sql);
    setBusy(false);
    if (outcome !== null && outcome !== 'cancelled') setError(outcome);
    return outcome === null;
  };
  return { busy, error, apply };
}
