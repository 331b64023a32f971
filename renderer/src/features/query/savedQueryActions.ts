import type { SavedQuery } from '../../../../shared/savedQueries';
import { burrow } from '../../ipc/client';
import { useBurrowStore } from '../../store';
import type { QueryTab } from '../../store/workspaceSlice';

export type SaveOutcome = { kind: 'saved'; text: string } | { kind: 'ask'; note: string | null } | { kind: 'failed'; text: string };

/**
 * Save (Mod+S) in a query tab: a tab tied to a saved query writes its SQL there; any other tab (or
 * one whose saved query was deleted meanwhile) asks for a name first.
 */
export async function saveTabQuery(tab: QueryTab): Promise<SaveOutcome> {
  if (!tab.savedQueryId) return { kind: 'ask', note: null };
  const result = await burrow().savedQueries.save({ id: tab.savedQueryId, sql: tab.sql });
  if (result.ok) return { kind: 'saved', text: `Saved “${result.value.name}”.` };
  if (result.error.code === 'NOT_FOUND') {
    useBurrowStore.getState().linkSavedQuery(tab.id, null);
    return { kind: 'ask', note: 'The saved query this tab came from was deleted: save it under a name again.' };
  }
  return { kind: 'failed', text: `${result.error.code}: ${result.error.message}` };
}

/** Opens a saved query: in this tab when it holds no SQL, else in a new tab on the same connection. */
export function openSavedQuery(tab: QueryTab, query: SavedQuery): void {
  const store = useBurrowStore.getState();
  const target = tab.sql.trim() === '' ? tab.id : store.newQueryTab(tab.id);
  if (!target) return;
  store.setSql(target, query.sql);
  store.linkSavedQuery(target, { id: query.id, name: query.name });
}
