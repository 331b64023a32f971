import { useEffect, useState } from 'react';
import type { ImportPreview, TableInfo } from '../../../../shared/query';
import { ErrorNotice } from '../../components/ErrorNotice';
import { selectSchemas, useBurrowStore } from '../../store';
import { ContextMenu } from '../../components/ContextMenu';
import { openTableBrowser } from './openTableBrowser';
import { tableMenuItems } from './tableMenu';
import { switchDatabase } from './switchDatabase';
import { TableChangeDialog } from './TableChangeDialog';
import { ImportDialog } from './ImportDialog';
import { NewTableDialog } from './NewTableDialog';
import { DEFAULT_SCHEMA } from '../query/sqlCompletion';
import { sessionReadOnly } from '../../store/sessionReadOnly';
import { ImportStatus } from './ImportStatus';
import { burrow } from '../../ipc/client';
import type { TableChange } from '../../../../shared/sql/tableChanges';

const qualified = (table: TableInfo): string => (table.schema ? `${table.schema}.${table.name}` : table.name);
const rowsLabel = (rows: number | null): string => (rows === null || rows < 0 ? '' : rows >= 10_000 ? `~${Math.round(rows / 1000)}k` : `~${rows}`);

function TableNode({ table, onOpen, onMenu }: { table: TableInfo; onOpen(table: TableInfo): void; onMenu(table: TableInfo, x: number, y: number): void }) {
  const [open, setOpen] = useState(false);
  return (
    <li className="tree-table" data-testid="tree-table">
      <button type="button" className="tree-toggle" aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} ${qualified(table)}`} onClick={() => setOpen(!open)}>{open ? '▾' : '▸'}</button>
      <button type="button" className="tree-name" title={`Browse ${qualified(table)}`} onClick={() => onOpen(table)}
        onContextMenu={(event) => {
          event.preventDefault();
          onMenu(table, event.clientX, event.clientY);
        }}>
        {table.kind === 'view' ? '◇' : '▦'} {table.name}
      </button>
      <span className="muted"> {rowsLabel(table.estimatedRows)}</span>
      {open && (
        <ul className="tree-columns">
          {table.columns.map((column) => (
            <li key={column.name} data-testid="tree-column">
              {column.primaryKey ? <span className="pk" title="primary key">PK </span> : null}{column.name} <span className="muted">{column.dataType}{column.nullable ? '' : ' not null'}</span>
            </li>
          ))}
          {table.indexes.filter((index) => !index.primary).map((index) => (
            <li key={`i-${index.name}`} className="muted">index {index.name} ({index.columns.join(', ')}){index.unique ? ' unique' : ''}</li>
          ))}
          {table.foreignKeys.map((fk) => (
            <li key={`f-${fk.name}`} className="muted">→ {fk.referencedTable} ({fk.columns.join(', ')})</li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The session's schemas, tables and views (with row estimates); a table opens in a browser tab. */
export function SchemaTree({ sessionId }: { sessionId: string }) {
  const schemas = useBurrowStore(selectSchemas);
  const state = schemas[sessionId];
  const [filter, setFilter] = useState('');
  useEffect(() => {
    if (!useBurrowStore.getState().schemas[sessionId]) void useBurrowStore.getState().loadSchema(sessionId);
  }, [sessionId]);

  const open = (table: TableInfo): void => openTableBrowser(sessionId, { schema: table.schema, name: table.name });
  const [menu, setMenu] = useState<{ table: TableInfo; x: number; y: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [asking, setAsking] = useState<{ table: TableInfo; change: TableChange } | null>(null);
  const [importing, setImporting] = useState<{ table: TableInfo; path: string; preview: ImportPreview } | null>(null);
  /** Import CSV…: the host's open dialog picks the file, then core reads its first rows for the preview. */
  const pickImport = async (table: TableInfo): Promise<void> => {
    setNotice(null);
    const picked = await burrow().dialogs.pickFile({ purpose: 'csvFile' });
    if (!picked.ok || !picked.value.path) return;
    const path = picked.value.path;
    const preview = await burrow().schema.previewImport({ connectionId: sessionId, table: { schema: table.schema, name: table.name }, path });
    if (!preview.ok) setNotice(`Cannot import ${path}: ${preview.error.code}: ${preview.error.message}`);
    else setImporting({ table, path, preview: preview.value });
  };
  const engine = useBurrowStore((store) => store.sessions[sessionId]?.engine);
  const canChange = useBurrowStore((store) => Boolean(store.sessions[sessionId]) && !sessionReadOnly(store, sessionId));
  const [creating, setCreating] = useState(false);

  return (
    <aside className="schema-tree" aria-label="Schema" data-testid="schema-tree">
      <header className="schema-header">
        {state?.status === 'ready' && engine !== 'sqlite' && state.info.databases.length > 1 && (
          <select aria-label="Database" title="Open another database of this server in a tab of its own" value={state.info.currentDatabase}
            onChange={(event) => {
              setNotice(null);
              void switchDatabase(sessionId, event.target.value).then(setNotice);
            }}>
            {state.info.databases.map((name) => <option key={name} value={name}>{name}</option>)}
          </select>
        )}
        <input aria-label="Filter tables" placeholder="filter tables" value={filter} onChange={(e) => setFilter(e.target.value)} />
        {state?.status === 'ready' && canChange && (
          <button type="button" className="small" aria-label="New table" title="New table…" onClick={() => setCreating(true)}>+</button>
        )}
        <button type="button" className="small" disabled={state?.status === 'loading' || (state?.status === 'ready' && state.refreshing)} onClick={() => void useBurrowStore.getState().loadSchema(sessionId)}>
          {state?.status === 'ready' && state.refreshing ? 'Refreshing…' : 'Refresh'}
        </button>
      </header>
      {(!state || state.status === 'loading') && <p className="muted">Loading schema…</p>}
      {state?.status === 'failed' && <ErrorNotice error={state.error} />}
      {state?.status === 'ready' && (
        <ul className="tree">
          {[...new Set(state.info.tables.map((t) => t.schema ?? ''))].map((schema) => {
            const tables = state.info.tables.filter((t) => (t.schema ?? '') === schema && t.name.toLowerCase().includes(filter.toLowerCase()));
            if (tables.length === 0) return null;
            return (
              <li key={schema || '(default)'} className="tree-schema">
                <span className="tree-schema-name">{schema || state.info.currentDatabase || 'main'}</span>
                <ul>{tables.map((table) => <TableNode key={qualified(table)} table={table} onOpen={open} onMenu={(t, x, y) => setMenu({ table: t, x, y })} />)}</ul>
              </li>
            );
          })}
          {state.info.tables.length === 0 && <li className="muted">No tables.</li>}
        </ul>
      )}
      {notice && <p className="muted" role="status" data-testid="tree-notice">{notice}</p>}
      {menu && (
        <ContextMenu x={menu.x} y={menu.y} testId="tree-menu" onClose={() => setMenu(null)}
          items={tableMenuItems(sessionId, menu.table, (text) => setNotice(text), (change) => (change === 'import' ? void pickImport(menu.table) : setAsking({ table: menu.table, change })))} />
      )}
      {importing && (
        <ImportDialog sessionId={sessionId} table={{ schema: importing.table.schema, name: importing.table.name }} path={importing.path} preview={importing.preview} onClose={() => setImporting(null)} />
      )}
      <ImportStatus sessionId={sessionId} />
      {creating && state?.status === 'ready' && engine && (
        <NewTableDialog sessionId={sessionId} schemas={state.info.schemas} defaultSchema={DEFAULT_SCHEMA[engine](state.info)}
          onClose={() => setCreating(false)}
          onDone={(text) => {
            setCreating(false);
            setNotice(text);
          }} />
      )}
      {asking && (
        <TableChangeDialog sessionId={sessionId} table={asking.table} change={asking.change} onClose={() => setAsking(null)}
          onDone={(text) => {
            setAsking(null);
            setNotice(text);
          }} />
      )}
    </aside>
  );
}
