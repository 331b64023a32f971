import type { TableInfo } from '../../../../shared/query';
import { qualifiedTable } from '../../../../shared/sql/dialect';
import type { TableChange } from '../../../../shared/sql/tableChanges';
import { sessionReadOnly } from '../../store/sessionReadOnly';
import type { MenuItem } from '../../components/ContextMenu';
import { useBurrowStore } from '../../store';
import { browseAsSql } from './browseAsSql';
import { openTableBrowser } from './openTableBrowser';

/**
 * A schema tree table's right-click menu: browse it or its structure, start a query on it, export it whole, copy
 * its name as the engine quotes it, and (unless the connection is read-only) import a CSV file into
 * it, or empty or drop it after asking. `say` puts a line under the tree (what was copied, or why not); `ask` opens the question.
 */
export function tableMenuItems(sessionId: string, table: TableInfo, say: (text: string) => void, ask: (change: TableChange | 'import') => void): MenuItem[] {
  const name = { schema: table.schema, name: table.name };
  const engine = useBurrowStore.getState().sessions[sessionId]?.engine;
  const items: MenuItem[] = [
    { label: 'Browse', action: () => openTableBrowser(sessionId, name) },
    { label: 'Structure', action: () => openTableBrowser(sessionId, name, [], { openedFor: 'structure' }) },
    { label: 'Export…', action: () => openTableBrowser(sessionId, name, [], { openedFor: 'export' }) },
  ];
  if (!engine) return items;
  const quoted = qualifiedTable(engine, name);
  items.splice(2, 0, {
    label: 'New query on this table',
    action: () => {
      const store = useBurrowStore.getState();
      const beside = store.tabs.find((tab) => tab.id === store.activeTabId && tab.sessionId === sessionId) ?? store.tabs.find((tab) => tab.sessionId === sessionId);
      const tabId = beside ? store.newQueryTab(beside.id) : null;
      if (!tabId) return say('This connection has no tab to open a query beside: connect again first.');
      store.setSql(tabId, browseAsSql(engine, name, [], []));
      store.renameTab(tabId, table.name);
    },
  });
  items.push({
    label: 'Copy name',
    action: () => void navigator.clipboard.writeText(quoted).then(() => say(`Copied ${quoted}.`), () => say('The clipboard is not available.')),
  });
  if (sessionReadOnly(useBurrowStore.getState(), sessionId)) return items;
  if (table.kind === 'table') items.push({ label: 'Import CSV…', action: () => ask('import') }, { label: 'Empty table…', action: () => ask('truncate') });
  items.push({ label: table.kind === 'view' ? 'Drop view…' : 'Drop table…', action: () => ask('drop') });
  return items;
}
