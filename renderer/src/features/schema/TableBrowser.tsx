import { useState, type FormEvent } from 'react';
import type { FilterOperator } from '../../../../shared/query';
import { selectBrowsers, useBurrowStore } from '../../store';
import { nextSort, type BrowseFilter } from '../../store/schemaSlice';
import { cellText } from '../query/cellText';

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

/** A table, a page at a time (300 rows), sorted by clicking a header and narrowed with filters. */
export function TableBrowser({ browserId }: { browserId: string }) {
  const view = useBurrowStore(selectBrowsers)[browserId];
  if (!view) return null;
  const { browse } = useBurrowStore.getState();
  const page = view.page;
  const columns = page?.columns.map((c) => c.name) ?? [];
  const title = view.table.schema ? `${view.table.schema}.${view.table.name}` : view.table.name;
  const sortOf = (column: string) => view.sort.find((s) => s.column === column)?.direction;

  return (
    <section className="table-browser" aria-label={`Browse ${title}`} data-testid="table-browser">
      <div className="toolbar">
        <strong>{title}</strong>
        <button type="button" className="small" onClick={() => void browse(browserId, { offset: Math.max(0, view.offset - view.limit) })} disabled={view.offset === 0 || view.loading}>◀ Previous</button>
        <span className="muted" data-testid="browse-range">
          {page ? (page.rows.length === 0 ? 'no rows' : `rows ${view.offset + 1}–${view.offset + page.rows.length}${page.hasMore ? '' : ' (end)'}`) : 'loading…'}
        </span>
        <button type="button" className="small" onClick={() => void browse(browserId, { offset: view.offset + view.limit })} disabled={!page?.hasMore || view.loading}>Next ▶</button>
        <button type="button" className="small" onClick={() => void browse(browserId)} disabled={view.loading}>Reload</button>
      </div>
      {columns.length > 0 && <FilterBar columns={columns} onApply={(filter) => void browse(browserId, { filters: [...view.filters, filter], offset: 0 })} />}
      {view.filters.length > 0 && (
        <p className="filters">
          {view.filters.map((filter, index) => (
            <span key={index} className="filter-chip" data-testid="filter-chip">
              {filter.column} {filter.op} {Array.isArray(filter.value) ? filter.value.join(', ') : (filter.value ?? '')}
              <button type="button" aria-label={`Remove filter ${index + 1}`} onClick={() => void browse(browserId, { filters: view.filters.filter((_, i) => i !== index), offset: 0 })}>×</button>
            </span>
          ))}
        </p>
      )}
      {view.error && <p className="error-text" role="alert" data-testid="browse-error">{view.error}</p>}
      {page && (
        <div className="browse-grid">
          <table>
            <thead>
              <tr>
                <th className="row-number">#</th>
                {page.columns.map((column) => (
                  <th key={column.name} title={column.dataType}>
                    <button type="button" onClick={() => void browse(browserId, { sort: nextSort(view.sort, column.name), offset: 0 })}>
                      {column.name}{sortOf(column.name) === 'asc' ? ' ▲' : sortOf(column.name) === 'desc' ? ' ▼' : ''}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row, index) => (
                <tr key={view.offset + index} data-testid="browse-row">
                  <td className="row-number">{view.offset + index + 1}</td>
                  {row.map((cell, column) => {
                    const shown = cellText(cell);
                    return <td key={column} className={`cell cell-${shown.kind}`}>{shown.text}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
