import { useState, type FormEvent } from 'react';
import type { FilterOperator } from '../../../../shared/query';
import { selectBrowsers, useBurrowStore } from '../../store';
import { nextSort, type BrowseFilter, type BrowseView } from '../../store/schemaSlice';
import { BrowseGrid } from './BrowseGrid';
import { confirmDiscardEdits } from './confirmDiscard';
import { EditBar } from './EditBar';
import { tableEditability } from './tableEditability';
import { useEditKeys } from './useEditKeys';
import { TableStructure } from './TableStructure';
import { browseAsSql } from './browseAsSql';
import { READ_ONLY_REASON, sessionReadOnly } from '../../store/sessionReadOnly';
import { ExportDialog } from '../exports/ExportDialog';
import { FileExportStatus } from '../exports/FileExportStatus';

const operators: FilterOperator[] = ['=', '<>', '<', '<=', '>', '>=', 'like', 'not like', 'is null', 'is not null', 'in'];
const needsNoValue = (op: FilterOperator): boolean => op === 'is null' || op === 'is not null';

function FilterBar({ columns, onApply }: { columns: string[]; onApply(filter: BrowseFilter): void }) {
  const [column, setColumn] = useState(columns[0] ?? '');
  const [op, setOp] = useState<FilterOperator>('=');
  const [value, setValue] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!column) return;
    const filterValue = op === 'in' ? value.split(',').map((v) => v.trim()) : value;
    onApply({ column, op, ...(needsNoValue(op) ? {} : { value: filterValue }) });
  };
  return (
    <form className="filter-bar" onSubmit={submit} data-testid="filter-bar">
      <select aria-label="Filter column" value={column} onChange={(e) => setColumn(e.target.value)}>
        {columns.map((name) => <option key={name} value={name}>{name}</option>)}
      </select>
      <select aria-label="Filter operator" value={op} onChange={(e) => setOp(e.target.value as FilterOperator)}>
        {operators.map((o) => <option key={o} value={o}>{o}</option>)}
      </select>
      {!needsNoValue(op) && <input aria-label="Filter value" value={value} onChange={(e) => setValue(e.target.value)} placeholder={op === 'in' ? 'a, b, c' : 'value'} />}
      <button type="submit" className="small">Add filter</button>
    </form>
  );
}

/** "of 1,234" once counted; until then the planner's estimate (without filters) and a button to count exactly. */
function RowCount({ view, estimate }: { view: BrowseView; estimate: number | null }) {
  const { count } = view;
  const countRows = () => void useBurrowStore.getState().countRows(view.id);
  if (count.state === 'done') return <span className="muted" data-testid="browse-count">of {count.rows.toLocaleString()}</span>;
  if (count.state === 'counting') return <span className="muted" data-testid="browse-count">of … (counting)</span>;
  return (
    <span className="muted" data-testid="browse-count">
      {count.state === 'failed' && <span className="error-text" title={count.error}>count failed </span>}
      {estimate !== null && estimate >= 0 && `of ~${estimate.toLocaleString()} `}
      <button type="button" className="small" onClick={countRows} title="SELECT COUNT(*) with these filters">Count rows</button>
    </span>
  );
}

/**
 * A table, a page at a time (300 rows), sorted by clicking a header and narrowed with filters.
 * A table with a known primary key can be edited: changes wait until saved in one transaction.
 */
export function TableBrowser({ browserId }: { browserId: string }) {
  const view = useBurrowStore(selectBrowsers)[browserId];
  const schema = useBurrowStore((state) => (view ? state.schemas[view.sessionId] : undefined));
  const columns = view?.page?.columns.map((c) => c.name) ?? [];
  const readOnly = useBurrowStore((state) => (view ? sessionReadOnly(state, view.sessionId) : false));
  const editability = view ? (readOnly ? { editable: false as const, reason: READ_ONLY_REASON } : tableEditability(schema, view.table, columns)) : null;
  useEditKeys(browserId, editability?.editable ?? false);
  const [showing, setShowing] = useState<'data' | 'structure'>(view?.openedFor === 'structure' ? 'structure' : 'data');
  const [exporting, setExporting] = useState(view?.openedFor === 'export');
  const exportRunning = useBurrowStore((state) => state.fileExports[browserId]?.state === 'running');
  if (!view || !editability) return null;
  const { browse } = useBurrowStore.getState();
  const page = view.page;
  const title = view.table.schema ? `${view.table.schema}.${view.table.name}` : view.table.name;
  const info = schema?.status === 'ready' ? schema.info.tables.find((t) => t.schema === view.table.schema && t.name === view.table.name) : undefined;
  const estimate = view.filters.length === 0 ? (info?.estimatedRows ?? null) : null;
  const openAsSql = (): void => {
    const store = useBurrowStore.getState();
    const engine = store.sessions[view.sessionId]?.engine;
    const beside = store.tabs.find((tab) => tab.browserId === browserId);
    const tabId = engine && beside ? store.newQueryTab(beside.id) : null;
    if (!tabId || !engine) return;
    store.setSql(tabId, browseAsSql(engine, view.table, view.filters, view.sort));
    store.renameTab(tabId, view.table.name);
  };
  // Any new read of the page drops unsaved changes: ask first.
  const browseAsking = (change?: Parameters<typeof browse>[1]): void => {
    if (confirmDiscardEdits(browserId)) void browse(browserId, change);
  };

  return (
    <section className="table-browser" aria-label={`Browse ${title}`} data-testid="table-browser">
      <div className="toolbar">
        <strong>{title}</strong>
        <span className="segmented" role="group" aria-label="Show">
          <button type="button" aria-pressed={showing === 'data'} onClick={() => setShowing('data')}>Data</button>
          <button type="button" aria-pressed={showing === 'structure'} onClick={() => setShowing('structure')}>Structure</button>
        </span>
        {showing === 'data' && (
          <>
            <button type="button" className="small" onClick={() => browseAsking({ offset: Math.max(0, view.offset - view.limit) })} disabled={view.offset === 0 || view.loading}>◀ Previous</button>
            <span className="muted" data-testid="browse-range">
              {page ? (page.rows.length === 0 ? 'no rows' : `rows ${view.offset + 1}–${view.offset + page.rows.length}${page.hasMore ? '' : ' (end)'}`) : 'loading…'}
            </span>
            <RowCount view={view} estimate={estimate} />
            <button type="button" className="small" onClick={() => browseAsking({ offset: view.offset + view.limit })} disabled={!page?.hasMore || view.loading}>Next ▶</button>
            <button type="button" className="small" onClick={() => browseAsking()} disabled={view.loading}>Reload</button>
            <button type="button" className="small" onClick={openAsSql} title="This table, its filters and sort as a SELECT in a new query tab (to edit, fetch whole or export)">Open as SQL</button>
            <button type="button" className="small" onClick={() => setExporting(true)} disabled={exportRunning} title="Every row (with the filters and sort) to a CSV, JSON or SQL file">Export…</button>
            {page && !editability.editable && <span className="muted" data-testid="read-only-note">{editability.reason}</span>}
          </>
        )}
      </div>
      <FileExportStatus ownerId={browserId} />
      {exporting && (
        <ExportDialog
          title={`Export ${title}`}
          description={`${view.filters.length > 0 ? 'Every row the current filters let through' : 'Every row of the table'}, in the current sort, read on a connection of its own: queries in this session go on meanwhile.`}
          formats={['csv', 'json', 'sql']}
          onExport={(options) => void useBurrowStore.getState().exportTable(browserId, options)}
          onClose={() => setExporting(false)} />
      )}
      {showing === 'structure' ? <TableStructure sessionId={view.sessionId} table={view.table} info={info} /> : (
        <>
          {columns.length > 0 && <FilterBar columns={columns} onApply={(filter) => browseAsking({ filters: [...view.filters, filter], offset: 0 })} />}
          {view.filters.length > 0 && (
            <p className="filters">
              {view.filters.map((filter, index) => (
                <span key={index} className="filter-chip" data-testid="filter-chip">
                  {filter.column} {filter.op} {Array.isArray(filter.value) ? filter.value.join(', ') : (filter.value ?? '')}
                  <button type="button" aria-label={`Remove filter ${index + 1}`} onClick={() => browseAsking({ filters: view.filters.filter((_, i) => i !== index), offset: 0 })}>×</button>
                </span>
              ))}
            </p>
          )}
          {page && editability.editable && <EditBar view={view} />}
          {view.error && <p className="error-text" role="alert" data-testid="browse-error">{view.error}</p>}
          {view.saveError && <p className="error-text" role="alert" data-testid="edit-error">{view.saveError.text}</p>}
          {page && (
            <BrowseGrid view={view} editability={editability}
              onSort={(column) => browseAsking({ sort: nextSort(view.sort, column), offset: 0 })}
              onFilter={(filter) => browseAsking({ filters: [...view.filters, filter], offset: 0 })} />
          )}
        </>
      )}
    </section>
  );
}
