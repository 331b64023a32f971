import { useBurrowStore } from '../../store';
import { fileChanged, type QueryTab } from '../../store/workspaceSlice';
import { confirmDiscardEdits } from '../schema/confirmDiscard';
import { confirmDiscardResultEdits } from './confirmDiscardResultEdits';

/** Closes a tab (a browser's with its browser) unless it holds unsaved edits the user keeps; says whether it closed. */
export function closeTabAsking(tab: QueryTab): boolean {
  if (fileChanged(tab) && !window.confirm(`${tab.file!.name} has changes that are not saved to ${tab.file!.path}. Close the tab and lose them?`)) return false;
  if (tab.browserId ? !confirmDiscardEdits(tab.browserId) : !confirmDiscardResultEdits(tab.id)) return false;
  const store = useBurrowStore.getState();
  store.closeTab(tab.id);
  if (tab.browserId) store.closeBrowser(tab.browserId);
  return true;
}
