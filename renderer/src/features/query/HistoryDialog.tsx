import { useCallback } from 'react';
import { createPortal } from 'react-dom';
import type { HistoryEntry } from '../../../../shared/history';
import { burrow } from '../../ipc/client';
import { firstLine, useSearchedList } from './useSearchedList';

/**
 * What was run on this connection profile, newest first, searchable. Choosing an entry puts its
 * SQL in the editor (it does not run it); Clear forgets this profile's history.
 */
export function HistoryDialog({ profileId, onPick, onClose }: { profileId: string; onPick(sql: string): void; onClose(): void }) {
  const fetch = useCallback((text: string) => burrow().history.list({ profileId, ...(text.trim() ? { search: text } : {}) }), [profileId]);
  const { items: entries, search, setSearch, error, setError, reload } = useSearchedList<HistoryEntry>(fetch);
  const clear = async (): Promise<void> => {
    const result = await burrow().history.clear({ profileId });
    if (!result.ok) setError(`${result.error.code}: ${result.error.message}`);
    await reload();
  };
  return createPortal(
    <div className="modal-backdrop">
      <div className="modal wide" role="dialog" aria-modal="true" aria-labelledby="history-title" data-testid="history">
        <h2 id="history-title">Query history</h2>
        <input type="search" aria-label="Search history" placeholder="Search" value={search} onChange={(event) => setSearch(event.target.value)} autoFocus />
        {error && <p className="error-text" role="alert">{error}</p>}
        {entries && entries.length === 0 && <p className="empty">{search.trim() ? 'Nothing run here matches.' : 'Nothing has been run on this connection yet.'}</p>}
        <ul className="history-list">
          {entries?.map((entry) => (
            <li key={entry.id}>
              <button type="button" className="history-entry" title={entry.sql} onClick={() => onPick(entry.sql)} data-testid="history-entry">
                <code>{firstLine(entry.sql)}</code>
                <span className="muted">{new Date(entry.ranAt).toLocaleString()}</span>
              </button>
            </li>
          ))}
        </ul>
        <div className="actions">
          <button type="button" onClick={() => void clear()} disabled={!entries || entries.length === 0}>Clear history</button>
          <button type="button" className="primary" onClick={onClose}>Close</button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
