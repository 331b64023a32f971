import { useEffect, useState } from 'react';
import type { ColumnMeta } from '../../../../shared/query';
import { burrow } from '../../ipc/client';
import { cellViewText } from './cellViewText';

/** Up to this much of one cell is fetched for the viewer (the grid shows cells cut). */
const VIEW_CELL_BYTES = 16 * 1024 * 1024;

/** One cell whole, fetched from the result store: long text, JSON laid out, binary as hex; Copy takes the value. */
export function CellViewer({ resultId, row, column, meta, onClose }: { resultId: string; row: number; column: number; meta: ColumnMeta; onClose(): void }) {
  const [view, setView] = useState<ReturnType<typeof cellViewText> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    void burrow().query.rows({ resultId, offset: row, limit: 1, maxCellBytes: VIEW_CELL_BYTES }).then((result) => {
      const cell = result.ok ? result.value.rows[0]?.[column] : undefined;
      if (cell === undefined) setError(result.ok ? 'This row is no longer in the result.' : `${result.error.code}: ${result.error.message}`);
      else setView(cellViewText(cell, meta.dataType));
    });
  }, [resultId, row, column, meta.dataType]);
  const copy = async (): Promise<void> => {
    if (!view) return;
    await navigator.clipboard.writeText(view.copy);
    setCopied(true);
  };
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal wide" role="dialog" aria-modal="true" aria-labelledby="cell-viewer-title" data-testid="cell-viewer"
        onClick={(event) => event.stopPropagation()} onKeyDown={(event) => event.key === 'Escape' && onClose()}>
        <h2 id="cell-viewer-title">{meta.name} <span className="muted">{meta.dataType} · row {(row + 1).toLocaleString()}</span></h2>
        {view && <p className="muted" data-testid="cell-viewer-note">{view.note}</p>}
        {view && <pre className="cell-view" data-testid="cell-viewer-text" tabIndex={0}>{view.text}</pre>}
        {error && <p className="error-text" role="alert">{error}</p>}
        <div className="actions">
          {copied && <span className="muted" role="status">Copied.</span>}
          <button type="button" onClick={() => void copy()} disabled={!view}>Copy value</button>
          <button type="button" className="primary" onClick={onClose} autoFocus>Close</button>
        </div>
      </div>
    </div>
  );
}
