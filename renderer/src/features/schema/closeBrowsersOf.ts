import { useBurrowStore } from '../../store';
import { closeTabAsking } from '../query/closeTabAsking';

/**
 * After a table is dropped, its browser tabs on the session close (asking about unsaved edits
 * first). The front tab stays on the session: when it is one of them, another tab of the session
 * comes to the front first. A browser that is the session's last tab stays, since closing it
 * would end the session.
 */
export function closeBrowsersOf(sessionId: string, table: { schema: string | null; name: string }): void {
  const { tabs, browsers, activeTabId, selectTab } = useBurrowStore.getState();
  const sessionTabs = tabs.filter((tab) => tab.sessionId === sessionId);
  const dropped = sessionTabs.filter((tab) => {
    const view = tab.browserId ? browsers[tab.browserId] : undefined;
    return view !== undefined && view.table.name === table.name && view.table.schema === table.schema;
  });
  const staying = sessionTabs.filter((tab) => !dropped.includes(tab));
  const closing = staying.length > 0 ? dropped : dropped.slice(1);
  if (closing.some((tab) => tab.id === activeTabId)) {
    const next = staying[0] ?? dropped[0];
    if (next) selectTab(next.id);
  }
  for (const tab of closing) closeTabAsking(tab);
}
