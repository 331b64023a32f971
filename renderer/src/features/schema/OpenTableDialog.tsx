import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import type { TableInfo } from '../../../../shared/query';
import { useBurrowStore } from '../../store';
import { openTableBrowser } from './openTableBrowser';
import { searchTables } from './tableSearch';

/** Mod+P: type part of a table's name, Enter opens it in a table browser (arrows choose among the matches). */
export function OpenTableDialog({ sessionId, onClose }: { sessionId: string; onClose(): void }) {
  const schema = useBurrowStore((state) => state.schemas[sessionId]);
  const [typed, setTyped] = useState('');
  useEffect(() => {
    if (!useBurrowStore.getState().schemas[sessionId]) void useBurrowStore.getState().loadSchema(sessionId);
  }, [sessionId]);
  const [chosen, setChosen] = useState(0);
  const tables = schema?.status === 'ready' ? schema.info.tables : [];
  const matches = useMemo(() => searchTables(tables, typed), [tables, typed]);
  const open = (table: TableInfo | undefined): void => {
    if (!table) return;
    onClose();
    openTableBrowser(sessionId, { schema: table.schema, name: table.name });
  };
  const keys = (event: KeyboardEvent): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setChosen((old) => Math.min(Math.max(old + step, 0), Math.max(matches.length - 1, 0)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      open(matches[chosen]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };
  return createPortal(
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal quick-open" role="dialog" aria-modal="true" aria-label="Open a table" data-testid="open-table" onClick={(event) => event.stopPropagation()}>
        <input aria-label="Table name" placeholder="Table name (schema.name narrows the schema)" value={typed} autoFocus onKeyDown={keys}
          onChange={(event) => {
            setTyped(event.target.value);
            setChosen(0);
          }} />
        {schema?.status === 'loading' && <p className="muted">Reading the schema…</p>}
        {schema?.status === 'ready' && matches.length === 0 && <p className="empty">No table or view matches.</p>}
        <ul className="history-list" role="listbox" aria-label="Matching tables">
          {matches.map((table, index) => (
            <li key={`${table.schema ?? ''}.${table.name}`} role="option" aria-selected={index === chosen}>
              <button type="button" className={index === chosen ? 'history-entry chosen' : 'history-entry'} data-testid="open-table-match"
                onMouseEnter={() => setChosen(index)} onClick={() => open(table)}>
                <span>{table.kind === 'view' ? '◇' : '▦'} {table.name}</span>
                <span className="muted">{table.schema ?? ''}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>,
    document.body,
  );
}
