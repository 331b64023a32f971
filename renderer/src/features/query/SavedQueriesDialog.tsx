import { useCallback } from 'react';
import { createPortal } from 'react-dom';
import type { SavedQuery } from '../../../../shared/savedQueries';
import { burrow } from '../../ipc/client';
import { useBurrowStore } from '../../store';
import { firstLine, useSearchedList } from './useSearchedList';

/**
 * The queries saved for this connection and for every connection, by name, searchable by name or
 * SQL. Choosing one opens it (it does not run); Delete asks first, and tabs tied to it stay as they are.
 */
export function SavedQueriesDialog({ profileId, onPick, onClose }: { profileId: string; onPick(query: SavedQuery): void; onClose(): void }) {
  const fetch = useCallback((text: string) => burrow().savedQueries.list({ profileId, ...(text.trim() ? { search: text } : {}) }), [profileId]);
  const { items: queries, search, setSearch, error, setError, reload } = useSearchedList<SavedQuery>(fetch);
  const remove = async (query: SavedQuery): Promise<void> => {
    if (!window.confirm(`Delete the saved query “${query.name}”?`)) return;
    const result = await burrow().savedQueries.delete({ id: query.id });
    if (!result.ok) setError(`${result.error.code}: ${result.error.message}`);
    const store = useBurrowStore.getState();
    for (const tab of store.tabs) if (tab.savedQueryId === query.id) store.linkSavedQuery(tab.id, null);
    await reload();
  };
  return createPortal(
    <div className="modal-backdrop">
      <div className="modal wide" role="dialog" aria-modal="true" aria-labelledby="saved-queries-title" data-testid="saved-queries">
        <h2 id="saved-queries-title">Saved queries</h2>
        <input type="search" aria-label="Search saved queries" placeholder="Search names and SQL" value={search} onChange={(event) => setSearch(event.target.value)} autoFocus />
        {error && <p className="error-text" role="alert">{error}</p>}
        {queries && queries.length === 0 && (
          <p className="empty">{search.trim() ? 'No saved query matches.' : 'Nothing saved yet: Save (Mod+S) in a query tab keeps its SQL under a name.'}</p>
        )}
        <ul className="history-list">
          {queries?.map((query) => (
            <li key={query.id} className="saved-query" data-testid="saved-query">
              <button type="button" className="history-entry" title={query.sql} onClick={() => onPick(query)}>
                <strong>{query.name}</strong>
                {query.profileId === null && <span className="tag">all connections</span>}
                <code>{firstLine(query.sql)}</code>
              </button>
              <button type="button" className="small" aria-label={`Delete ${query.name}`} onClick={() => void remove(query)}>Delete</button>
            </li>
          ))}
        </ul>
        <div className="actions">
          <button type="button" className="primary" onClick={onClose}>Close</button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
