import type { BrowseFilter } from '../../../../shared/query';
import { useBurrowStore } from '../../store';
import type { BrowseTable } from '../../store/schemaSlice';

/** Opens a table browser tab on the session, narrowed by `filters` when given, with its export dialog or Structure view if asked. */
export function openTableBrowser(sessionId: string, table: BrowseTable, filters?: BrowseFilter[], options?: { openedFor?: 'export' | 'structure' }): void {
  const store = useBurrowStore.getState();
  const browserId = `browse-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  store.openBrowser(browserId, sessionId, table, filters, options);
  store.openBrowserTab(sessionId, table.name, browserId);
}
