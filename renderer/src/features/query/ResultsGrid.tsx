import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { ResultSummary } from '../../../../shared/query';
import { cellText } from './cellText';
import { fetchRows, MAX_COPY_CHARS, MAX_COPY_ROWS, rowsToTsv } from './copyRows';
import { CellViewer } from './CellViewer';
import { moveSelection, type GridSelection as Selection } from './gridSelection';
import { useRowWindows } from './useRowWindows';

const ROW_HEIGHT = 24;

/**
 * A virtualized grid over a stored result: only visible rows are rendered or fetched. Click selects
 * a row, Shift+click a range, Mod+A all, arrows / Page / Home / End move (Shift grows the range);
 * Mod+C copies the selection as TSV (Mod+Shift+C with headers); a double-click shows a cell whole.
 */
export function ResultsGrid({ result }: { result: ResultSummary }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [selection, setSelection] = useState<Selection>(null);
  const [copyStatus, setCopyStatus] = useState<string | null>(null);
  const [viewing, setViewing] = useState<{ row: number; column: number } | null>(null);
  const { ensure, rowAt } = useRowWindows(result.resultId, result.rowCount);
  const virtualizer = useVirtualizer({
    count: result.rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => ensure(first, last), [ensure, first, last]);
  useEffect(() => {
    setSelection(null);
    setCopyStatus(null);
    setViewing(null);
  }, [result.resultId]);
  const template = `56px repeat(${result.columns.length}, minmax(120px, 1fr))`;
  const low = selection ? Math.min(selection.anchor, selection.focus) : -1;
  const high = selection ? Math.max(selection.anchor, selection.focus) : -1;

  const select = (index: number, event: MouseEvent): void => {
    setSelection((old) => (event.shiftKey && old ? { anchor: old.anchor, focus: index } : { anchor: index, focus: index }));
  };
  const copy = async (withHeader: boolean): Promise<void> => {
    if (!selection) return;
    try {
      const { rows, cut } = await fetchRows(result.resultId, low, high);
      await navigator.clipboard.writeText(rowsToTsv(rows, withHeader ? result.columns.map((c) => c.name) : undefined));
      const note = cut === 'rows' ? ` (the first ${MAX_COPY_ROWS.toLocaleString()})` : cut === 'size' ? ` (the first ${rows.length.toLocaleString()}: a copy holds at most ${MAX_COPY_CHARS / 1024 / 1024} MB of text)` : '';
      setCopyStatus(`Copied ${rows.length.toLocaleString()} row${rows.length === 1 ? '' : 's'}${note}.`);
    } catch (error) {
      setCopyStatus(`Could not copy: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === 'c') {
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
      <div className="grid-header" style={{ gridTemplateColumns: template }}>
        <span className="row-number">#</span>
        {result.columns.map((column, index) => (
          <span key={index} title={`${column.dataType}${column.nullable === false ? ' NOT NULL' : ''}`}>
            {column.name}
          </span>
        ))}
      </div>
      <div ref={scroller} className="grid-body">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            const selected = item.index >= low && item.index <= high;
            return (
              <div
                key={item.key}
                className={selected ? 'grid-row selected' : 'grid-row'}
                data-testid="grid-row"
                aria-selected={selected}
                onClick={(event) => select(item.index, event)}
                style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
                <span className="row-number">{item.index + 1}</span>
                {result.columns.map((_, column) => {
                  const cell = cellText(row?.[column]);
                  return (
                    <span key={column} className={`cell cell-${cell.kind}`} onDoubleClick={() => setViewing({ row: item.index, column })}>
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
      {viewing && result.columns[viewing.column] && (
        <CellViewer resultId={result.resultId} row={viewing.row} column={viewing.column} meta={result.columns[viewing.column]!} onClose={() => setViewing(null)} />
      )}
    </div>
  );
}
