import { useBurrowStore } from '../../store';
import { countResultChanges, noResultEdits } from './resultEdits';

/**
 * Before a new run, closing the tab or disconnecting drops the tab's unsaved result edits: true
 * when there are none or the user agrees (they are then forgotten).
 */
export function confirmDiscardResultEdits(tabId: string): boolean {
  const state = useBurrowStore.getState();
  const resultIds = state.tabs.find((tab) => tab.id === tabId)?.run?.results.map((r) => r.resultId) ?? [];
  const count = resultIds.reduce((sum, id) => sum + countResultChanges(state.resultEdits[id]?.edits ?? noResultEdits), 0);
  if (count > 0 && !window.confirm(`Discard ${count} unsaved change${count === 1 ? '' : 's'} to the results?`)) return false;
  if (count > 0) for (const id of resultIds) state.discardResultEdits(id);
  return true;
}
