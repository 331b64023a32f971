import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Cell, ResultSummary } from '../../../../shared/query';
import { useBurrowStore } from '../../store';
import type { QueryTab } from '../../store/workspaceSlice';
import { CellEditor } from '../schema/CellEditor';
import { editValueOf } from '../schema/tableEdits';
import { cellText } from './cellText';
import { copyText, fetchRows, MAX_COPY_CHARS, MAX_COPY_ROWS, rowsToTsv } from './copyRows';
import { CellViewer } from './CellViewer';
import { moveSelection, type GridSelection as Selection } from './gridSelection';
import { useRowWindows } from './useRowWindows';
import { ResultsHeader } from './ResultsHeader';
import { useColumnWidths } from './useColumnWidths';
import { countResultChanges, currentKey, editedValue } from './resultEdits';
import { copyFormatLabels, formatRows, type CopyFormat } from './copyFormats';
import { ContextMenu, type MenuItem } from '../../components/ContextMenu';
import { useResultEditing } from './useResultEditing';

const ROW_HEIGHT = 24;
const HEADER_HEIGHT = 26;
const ROW_NUMBER_WIDTH = 56;
/** Delete marks at most this many selected rows at once (each needs its row loaded). */
const MAX_DELETE_ROWS = 10_000;

/**
 * A virtualized grid over a stored result: only visible rows are rendered or fetched. Click selects
 * a row, Shift+click a range, Mod+A all, arrows / Page / Home / End move (Shift grows the range);
 * Mod+C copies the selection as TSV (Mod+Shift+C with headers); a double-click shows a cell whole.
 * In a result read from one table with its primary key (see resultEditability) a double-click
 * edits the cell instead, Delete marks the selected rows and Mod+S saves; the right-click menu has
 * both.
 */
export function ResultsGrid({ tab, result }: { tab: QueryTab; result: ResultSummary }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [selection, setSelection] = useState<Selection>(null);
  const [copyStatus, setCopyStatus] = useState<string | null>(null);
  const [viewing, setViewing] = useState<{ row: number; column: number } | null>(null);
  const [editing, setEditing] = useState<{ row: number; column: number } | null>(null);
  const [menu, setMenu] = useState<{ x: number; y: number; row: number; column: number } | null>(null);
  const { editability, state: edit } = useResultEditing(tab, result);
  const { setResultCell, toggleResultDelete, saveResultEdits } = useBurrowStore.getState();
  const { ensure, rowAt } = useRowWindows(result.resultId, result.rowCount);
  // The header sits inside the scroller (sticky), above the rows: the virtualizer starts the rows below it.
  const virtualizer = useVirtualizer({
    count: result.rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => ensure(first, last), [ensure, first, last]);
  useEffect(() => {
    setSelection(null);
    setCopyStatus(null);
    setViewing(null);
    setEditing(null);
    setMenu(null);
  }, [result.resultId]);
  const { widths, resize, fit } = useColumnWidths(result, rowAt);
  const template = `${ROW_NUMBER_WIDTH}px ${widths.map((width) => `${width}px`).join(' ')}`;
  const rowWidth = ROW_NUMBER_WIDTH + widths.reduce((sum, width) => sum + width, 0);
  const low = selection ? Math.min(selection.anchor, selection.focus) : -1;
  const high = selection ? Math.max(selection.anchor, selection.focus) : -1;

  const select = (index: number, event: MouseEvent): void => {
    setSelection((old) => (event.shiftKey && old ? { anchor: old.anchor, focus: index } : { anchor: index, focus: index }));
  };
  const engine = useBurrowStore((state) => state.sessions[tab.sessionId]?.engine) ?? 'postgres';
  /** Mod+C copies TSV (with the names under Mod+Shift+C); the menu copies in the other formats, names included. */
  const copy = async (format: boolean | CopyFormat): Promise<void> => {
    if (!selection) return;
    try {
      const { rows, cut } = await fetchRows(result.resultId, low, high);
      const text = typeof format === 'boolean'
        ? rowsToTsv(rows, format ? result.columns.map((c) => c.name) : undefined)
        : formatRows(format, rows, result.columns, { engine, table: editability.editable ? editability.table : singleOriginTable(result.columns) });
      await navigator.clipboard.writeText(text);
      const note = cut === 'rows' ? ` (the first ${MAX_COPY_ROWS.toLocaleString()})` : cut === 'size' ? ` (the first ${rows.length.toLocaleString()}: a copy holds at most ${MAX_COPY_CHARS / 1024 / 1024} MB of text)` : '';
      const as = typeof format === 'boolean' ? '' : ` as ${copyFormatLabels[format]}`;
      setCopyStatus(`Copied ${rows.length.toLocaleString()} row${rows.length === 1 ? '' : 's'}${as}${note}.`);
    } catch (error) {
      setCopyStatus(`Could not copy: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  /** Copies one cell whole (fetched again from the store, as the grid may show it cut); an edited cell copies its new value. */
  const copyCell = async (row: number, column: number): Promise<void> => {
    try {
      const writes = editability.editable ? (editability.writes[column] ?? null) : null;
      const edited = editedValue(edit.edits, row, writes);
      const cell = edited !== undefined ? edited : (await fetchRows(result.resultId, row, row)).rows[0]?.[column];
      await navigator.clipboard.writeText(copyText(cell));
      setCopyStatus(`Copied the value of ${result.columns[column]?.name ?? 'the cell'} in row ${row + 1}.`);
    } catch (error) {
      setCopyStatus(`Could not copy: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  /** The table column a cell writes, or null when this cell cannot be edited now (and why, for its tooltip). */
  const writableColumn = (row: number, column: number, cells: readonly Cell[] | undefined): string | null => {
    if (!editability.editable || edit.saving || !cells) return null;
    const target = editability.writes[column] ?? null;
    if (target === null || edit.edits.pending[row]?.delete || edit.edits.saved[row]?.deleted) return null;
    if (!edit.edits.pending[row] && !currentKey(editability, edit.edits, row, cells)) return null;
    return editedValue(edit.edits, row, target) !== undefined || editValueOf(cells[column]) !== undefined ? target : null;
  };
  const selectedRows = (): { index: number; cells: Cell[] }[] | null => {
    if (!selection || high - low + 1 > MAX_DELETE_ROWS) return null;
    const rows: { index: number; cells: Cell[] }[] = [];
    for (let index = low; index <= high; index++) {
      const cells = rowAt(index);
      if (!cells) return null;
      rows.push({ index, cells });
    }
    return rows;
  };
  const toggleDelete = (rows: { index: number; cells: Cell[] }[] | null): void => {
    if (editability.editable && rows && rows.length > 0) toggleResultDelete(tab.id, result.resultId, rows);
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    // Keys typed into a cell's editor are the editor's.
    if (event.target !== event.currentTarget && (event.target as HTMLElement).tagName === 'INPUT') return;
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === 's' && countResultChanges(edit.edits) > 0) {
      event.preventDefault();
      void saveResultEdits(tab.id, result.resultId);
    } else if (!mod && (event.key === 'Delete' || event.key === 'Backspace') && editability.editable && selection) {
      event.preventDefault();
      toggleDelete(selectedRows());
    } else if (mod && event.key.toLowerCase() === 'c') {
      event.preventDefault();
      void copy(event.shiftKey);
    } else if (mod && event.key.toLowerCase() === 'a' && result.rowCount > 0) {
      event.preventDefault();
      setSelection({ anchor: 0, focus: result.rowCount - 1 });
    } else if (!mod && !event.altKey) {
      const visibleRows = Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT);
      const next = moveSelection(selection, event.key, event.shiftKey, result.rowCount, visibleRows);
      if (next === undefined) return;
      event.preventDefault();
      setSelection(next);
      if (next) virtualizer.scrollToIndex(next.focus);
    }
  };

  return (
    <div className="grid" data-testid="results-grid" tabIndex={0} onKeyDown={onKeyDown}>
      <div ref={scroller} className="grid-body">
        <ResultsHeader columns={result.columns} widths={widths} template={template} width={rowWidth} height={HEADER_HEIGHT}
          onResize={resize} onFit={(column) => fit(column, items.map((item) => rowAt(item.index)))} />
        <div style={{ height: virtualizer.getTotalSize(), width: rowWidth, minWidth: '100%', position: 'relative' }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            const selected = item.index >= low && item.index <= high;
            const classes = [
              'grid-row',
              selected && 'selected',
              edit.edits.pending[item.index]?.delete && 'row-deleted',
              edit.edits.saved[item.index]?.deleted && 'row-removed',
              edit.error?.row === item.index && 'row-failed',
            ].filter(Boolean).join(' ');
            return (
              <div
                key={item.key}
                className={classes}
                data-testid="grid-row"
                aria-selected={selected}
                onClick={(event) => select(item.index, event)}
                style={{ gridTemplateColumns: template, transform: `translateY(${item.start - HEADER_HEIGHT}px)`, height: ROW_HEIGHT }}
              >
                <span className="row-number">{item.index + 1}</span>
                {result.columns.map((_, column) => {
                  const writes = editability.editable ? (editability.writes[column] ?? null) : null;
                  const edited = editedValue(edit.edits, item.index, writes);
                  const pending = writes !== null && Object.hasOwn(edit.edits.pending[item.index]?.set ?? {}, writes);
                  if (row && editing?.row === item.index && editing.column === column && writes !== null) {
                    const done = () => setEditing(null);
                    const initial = edited !== undefined ? edited : editValueOf(row[column]);
                    return (
                      <span key={column} className="cell cell-editing">
                        <CellEditor initial={initial ?? ''} placeholder={initial === null ? 'NULL' : ''} isNewRow={false}
                          onCommit={(value) => {
                            if (value !== undefined) setResultCell(tab.id, result.resultId, item.index, row, writes, value);
                            done();
                          }}
                          onCancel={done} />
                      </span>
                    );
                  }
                  const cell = edited !== undefined ? cellText(edited) : cellText(row?.[column]);
                  return (
                    <span key={column} className={`cell cell-${cell.kind}${pending ? ' cell-changed' : ''}`}
                      onDoubleClick={() => (writableColumn(item.index, column, row) !== null ? setEditing({ row: item.index, column }) : setViewing({ row: item.index, column }))}
                      onContextMenu={(event) => {
                        event.preventDefault();
                        if (!selected) setSelection({ anchor: item.index, focus: item.index });
                        setMenu({ x: event.clientX, y: event.clientY, row: item.index, column });
                      }}>
                      {cell.text}
                    </span>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
      {copyStatus && <p className="muted grid-status" role="status" data-testid="copy-status">{copyStatus}</p>}
      {menu && (
        <ResultCellMenu
          menu={menu}
          writable={writableColumn(menu.row, menu.column, rowAt(menu.row)) !== null}
          deletable={editability.editable && !edit.saving && !edit.edits.saved[menu.row]?.deleted}
          deleted={edit.edits.pending[menu.row]?.delete ?? false}
          onClose={() => setMenu(null)}
          onView={() => setViewing({ row: menu.row, column: menu.column })}
          onEdit={() => setEditing({ row: menu.row, column: menu.column })}
          onCopy={(format) => void copy(format)}
          onCopyValue={() => void copyCell(menu.row, menu.column)}
          onNull={() => {
            const cells = rowAt(menu.row);
            const writes = editability.editable ? editability.writes[menu.column] : null;
            if (cells && writes) setResultCell(tab.id, result.resultId, menu.row, cells, writes, null);
          }}
          onDelete={() => {
            const inSelection = menu.row >= low && menu.row <= high;
            const cells = rowAt(menu.row);
            toggleDelete(inSelection ? selectedRows() : cells ? [{ index: menu.row, cells }] : null);
          }}
        />
      )}
      {viewing && result.columns[viewing.column] && (
        <CellViewer resultId={result.resultId} row={viewing.row} column={viewing.column} meta={result.columns[viewing.column]!} onClose={() => setViewing(null)} />
      )}
    </div>
  );
}

/** The one table every traced column of a result reads, if there is one (what INSERT statements are written for). */
function singleOriginTable(columns: ResultSummary['columns']): { schema: string; name: string } | null {
  const tables = new Set(columns.flatMap((c) => (c.origin ? [`${c.origin.schema}\u0000${c.origin.table}`] : [])));
  if (tables.size !== 1) return null;
  const [schema, name] = [...tables][0]!.split('\u0000') as [string, string];
  return { schema, name };
}

/** A result cell's right-click menu: view it whole, copy the selected rows in a format, and in an editable result edit it, set it NULL, or mark its rows for deletion. */
function ResultCellMenu({ menu, writable, deletable, deleted, onClose, onView, onEdit, onCopy, onCopyValue, onNull, onDelete }: {
  menu: { x: number; y: number };
  writable: boolean;
  deletable: boolean;
  deleted: boolean;
  onClose(): void;
  onView(): void;
  onEdit(): void;
  onCopy(format: CopyFormat): void;
  onCopyValue(): void;
  onNull(): void;
  onDelete(): void;
}) {
  const items: MenuItem[] = [
    { label: 'View value…', action: onView },
    { label: 'Copy value', action: onCopyValue },
    ...(Object.entries(copyFormatLabels) as [CopyFormat, string][]).map(([format, label]) => ({ label: `Copy as ${label}`, action: () => onCopy(format) })),
    ...(writable ? [{ label: 'Edit cell', action: onEdit }, { label: 'Set to NULL', action: onNull }] : []),
    ...(deletable ? [{ label: deleted ? 'Restore row' : 'Delete row', action: onDelete }] : []),
  ];
  return <ContextMenu x={menu.x} y={menu.y} items={items} onClose={onClose} testId="result-cell-menu" />;
}
