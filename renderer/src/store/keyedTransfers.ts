/** What the export and import slices keep of a transfer, under the key of what shows it (a browser, a tab, a session). */
export interface TransferEntry {
  /** The id the renderer chose for core: progress events and cancel name it. */
  id: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  rows: number;
  bytes: number;
}

/**
 * Pure: `entries` with the one under `key` changed, or removed when `change` is null; null when
 * that entry is no longer transfer `id` (a later transfer of the same owner has the key now).
 */
export function patchTransfer<T extends TransferEntry>(entries: Record<string, T>, key: string, id: string, change: Partial<T> | null): Record<string, T> | null {
  const current = entries[key];
  if (current?.id !== id) return null;
  const next = { ...entries };
  if (change) next[key] = { ...current, ...change };
  else delete next[key];
  return next;
}

/** Pure: the key of running transfer `id`, if any (a progress event for it). */
export const runningKey = <T extends TransferEntry>(entries: Record<string, T>, id: string): string | undefined =>
  Object.entries(entries).find(([, entry]) => entry.id === id && entry.state === 'running')?.[0];
