import { useEffect, useMemo, useState } from 'react';
import type { BrowseFilter, Cell } from '../../../../shared/query';
import { useBurrowStore } from '../../store';
import type { BrowseView } from '../../store/schemaSlice';
import { cellText } from '../query/cellText';
import { CellEditor } from './CellEditor';
import { cellFilters } from './cellFilters';
import { ContextMenu } from '../../components/ContextMenu';
import { foreignKeyLinks, tableForeignKeys, type TableLink } from './foreignKeyLinks';
import { openTableBrowser } from './openTableBrowser';
import { browseCopyItems, readRowWhole } from './browseCopy';
import type { Editability } from './tableEditability';
import { editValueOf, isDeleted, pendingValue, rowKey, type RowRef } from './tableEdits';

const sameRow = (a: RowRef | null, b: RowRef): boolean => a?.kind === b.kind && a.index === b.index;

/** Why a cell cannot be edited, or null when it can. */
function lockedReason(read: Cell | undefined, row: RowRef, deleted: boolean, keyed: boolean): string | null {
  if (deleted) return 'Restore the row to edit it';
  if (row.kind === 'new') return null;
  if (!keyed) return "This row's primary key cannot be read back, so it cannot be edited here";
  if (read !== null && typeof read === 'object') return read.kind === 'binary' ? 'Binary values cannot be edited here' : 'This value is cut for display, so it cannot be edited here';
  return null;
}

/**
 * The page's rows, then the rows added since; a click selects a row, a double-click edits a cell.
 * Changed cells, rows to delete and new rows are marked until they are saved or discarded.
 */
export function BrowseGrid({ view, editability, onSort, onFilter }: { view: BrowseView; editability: Editability; onSort(column: string): void; onFilter(filter: BrowseFilter): void }) {
  const [editing, setEditing] = useState<{ row: RowRef; column: string } | null>(null);
  const [menu, setMenu] = useState<{ x: number; y: number; column: string; cell: Cell | undefined; row: readonly Cell[] | null; index: number; links: { references: TableLink[]; referencedBy: TableLink[] } } | null>(null);
  const [copyNote, setCopyNote] = useState<string | null>(null);
  const engine = useBurrowStore((state) => state.sessions[view.sessionId]?.engine);
  const schema = useBurrowStore((state) => state.schemas[view.sessionId]);
  const info = schema?.status === 'ready' ? schema.info : null;
  const foreignKeys = useMemo(() => (info ? tableForeignKeys(info, view.table) : null), [info, view.table]);
  const follow = (link: TableLink): void => openTableBrowser(view.sessionId, link.table, link.filters);
  useEffect(() => {
    setEditing(null);
    setMenu(null);
  }, [view.page]);
  const page = view.page!;
  const columns = page.columns.map((c) => c.name);
  const canEdit = editability.editable && !view.loading && !view.saving;
  const { setCell, selectRow } = useBurrowStore.getState();
  const sortOf = (column: string) => view.sort.find((s) => s.column === column)?.direction;

  const renderRow = (row: RowRef, cells: readonly Cell[] | null) => {
    const deleted = isDeleted(view.pending, row);
    const keyed = !cells || !editability.editable || rowKey(columns, editability.keyColumns, cells) !== null;
    const classes = [
      row.kind === 'new' && 'row-new',
      deleted && 'row-deleted',
      sameRow(view.selected, row) && 'row-selected',
      view.saveError?.row && sameRow(view.saveError.row, row) && 'row-failed',
    ].filter(Boolean).join(' ');
    return (
      <tr
        key={`${row.kind}-${row.index}`}
        data-testid={row.kind === 'new' ? 'browse-new-row' : 'browse-row'}
        className={classes || undefined}
        onClick={() => selectRow(view.id, row)}
      >
        <td className="row-number">{row.kind === 'new' ? 'new' : view.offset + row.index + 1}</td>
        {columns.map((column, index) => {
          const read = cells ? cells[index] : undefined;
          const pending = pendingValue(view.pending, row, column);
          if (editing && sameRow(editing.row, row) && editing.column === column) {
            const current = pending !== undefined ? pending : cells ? editValueOf(read) : undefined;
            const done = () => setEditing(null);
            return (
              <td key={column} className="cell cell-editing">
                <CellEditor
                  initial={current ?? ''}
                  placeholder={current === null ? 'NULL' : row.kind === 'new' && pending === undefined ? 'DEFAULT' : ''}
                  isNewRow={row.kind === 'new'}
                  onCommit={(value) => {
                    setCell(view.id, row, column, value);
                    done();
                  }}
                  onCancel={done}
                />
              </td>
            );
          }
          const shown = pending !== undefined ? cellText(pending) : cells ? cellText(read) : { text: 'DEFAULT', kind: 'default' };
          const locked = canEdit ? lockedReason(read, row, deleted, keyed) : null;
          const linkable = foreignKeys && cells && (foreignKeys.outgoing.length > 0 || foreignKeys.incoming.length > 0);
          const links = linkable ? foreignKeyLinks(foreignKeys, view.table, columns, cells, column) : null;
          const reference = links?.references[0];
          return (
            <td
              key={column}
              className={`cell cell-${shown.kind}${pending !== undefined ? ' cell-changed' : ''}`}
              title={locked ?? undefined}
              onDoubleClick={() => {
                if (canEdit && !locked) setEditing({ row, column });
              }}
              onContextMenu={(event) => {
                if (!cells) return;
                event.preventDefault();
                setMenu({ x: event.clientX, y: event.clientY, column, cell: read, row: row.kind === 'page' ? cells : null, index: row.index, links: links ?? { references: [], referencedBy: [] } });
              }}
            >
              {shown.text}
              {reference && pending === undefined && (
                <button type="button" className="fk-link" aria-label={`Open ${reference.label}`} title={`Open ${reference.label}`}
                  onClick={(event) => {
                    event.stopPropagation();
                    follow(reference);
                  }} />
              )}
            </td>
          );
        })}
      </tr>
    );
  };

  return (
    <div className="browse-grid">
      <table>
        <thead>
          <tr>
            <th className="row-number">#</th>
            {page.columns.map((column) => (
              <th key={column.name} title={column.dataType}>
                <button type="button" onClick={() => onSort(column.name)}>
                  {column.name}{sortOf(column.name) === 'asc' ? ' ▲' : sortOf(column.name) === 'desc' ? ' ▼' : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {page.rows.map((cells, index) => renderRow({ kind: 'page', index }, cells))}
          {view.pending.added.map((_row, index) => renderRow({ kind: 'new', index }, null))}
        </tbody>
      </table>
      {menu && (
        <ContextMenu x={menu.x} y={menu.y} testId="cell-menu" onClose={() => setMenu(null)} items={[
          ...cellFilters(menu.column, menu.cell).map(({ label, filter }) => ({ label: `Filter: ${label}`, action: () => onFilter(filter) })),
          ...menu.links.references.map((link) => ({ label: `Open ${link.label}`, action: () => follow(link) })),
          ...menu.links.referencedBy.map((link) => ({ label: `Rows of ${link.label}`, action: () => follow(link) })),
          ...(menu.row && engine ? browseCopyItems({ engine, table: view.table, columns: page.columns, row: menu.row, column: menu.column, cell: menu.cell, readWhole: () => readRowWhole(view, menu.index) }, setCopyNote) : []),
        ]} />
      )}
      {copyNote && <p className="muted" role="status" data-testid="browse-copy-status">{copyNote}</p>}
    </div>
  );
}
