import { useState } from 'react';
import { whyNotRerunnable } from '../../../../shared/sql/rerunnableQuery';
import { selectSessions, useBurrowStore } from '../../store';
import type { QueryTab } from '../../store/workspaceSlice';
import { ExportDialog } from './ExportDialog';

/**
 * For a result cut by the row limit or the store's budget: sends the run's SQL again on a
 * connection of its own and streams every row to a file. Offered only for one statement that only
 * reads, since it runs again.
 */
export function ExportAllRows({ tab, cut }: { tab: QueryTab; cut: boolean }) {
  const session = useBurrowStore(selectSessions)[tab.sessionId];
  const running = useBurrowStore((state) => state.fileExports[tab.id]?.state === 'running');
  const [asking, setAsking] = useState(false);
  if (!cut || !tab.ranSql || !session) return null;
  const refused = whyNotRerunnable(tab.ranSql, session.engine);
  return (
    <>
      <button type="button" className="small" data-testid="export-all" disabled={refused !== null || running || session.state !== 'ready'}
        title={refused ?? 'Run the same SQL again on a connection of its own, without the row limit, and write every row to a file'}
        onClick={() => setAsking(true)}>
        Export all rows…
      </button>
      {asking && (
        <ExportDialog
          title="Export every row"
          description="The query runs again on a connection of its own, without the row limit, and every row goes to the file; queries in this tab go on meanwhile."
          formats={['csv', 'json']}
          onExport={(options) => void useBurrowStore.getState().exportAllRows(tab.id, options)}
          onClose={() => setAsking(false)} />
      )}
    </>
  );
}
