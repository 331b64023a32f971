import { useCallback, useEffect, useState } from 'react';
import type { Result } from '../../../../shared/errors';

/** The first non-blank line of some SQL, for a one-line list entry. */
export const firstLine = (sql: string): string => sql.split('\n').map((line) => line.trim()).find(Boolean) ?? '';

/**
 * A list the main process answers for a search text (history, saved queries): fetched again as the
 * search changes, with the error of the last fetch or action.
 */
export function useSearchedList<T>(fetch: (search: string) => Promise<Result<T[]>>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [search, setSearch] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async (): Promise<void> => {
    const result = await fetch(search);
    if (result.ok) {
      setItems(result.value);
      setError(null);
    } else {
      setError(`${result.error.code}: ${result.error.message}`);
    }
  }, [fetch, search]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { items, search, setSearch, error, setError, reload };
}
