import { createPortal } from 'react-dom';
import type { ImportPreview } from '../../../../shared/query';
import { useBurrowStore } from '../../store';
import { formatBytes } from '../query/exportResult';

/**
 * Shows what a CSV import would do before it writes: the file's first rows under its header, the
 * names the table lacks (which stop it) and the table columns the file lacks (which get their
 * default). Import runs it in one transaction.
 */
export function ImportDialog({ sessionId, table, path, preview, onClose }: {
  sessionId: string;
  table: { schema: string | null; name: string };
  path: string;
  preview: ImportPreview;
  onClose(): void;
}) {
  const label = table.schema ? `${table.schema}.${table.name}` : table.name;
  const blocked = preview.unknown.length > 0;
  const start = (): void => {
    onClose();
    void useBurrowStore.getState().importCsv(sessionId, table, path);
  };
  return createPortal(
    <div className="modal-backdrop">
      <div className="modal wide" role="dialog" aria-modal="true" aria-labelledby="import-title" data-testid="import-dialog">
        <h2 id="import-title">Import into {label}</h2>
        <p className="muted">{path} · {formatBytes(preview.bytes)}. Every row goes in one transaction, on a connection of its own: all of them, or none.</p>
        <div className="import-preview">
          <table>
            <thead><tr>{preview.header.map((name, index) => <th key={index} className={preview.unknown.includes(name) ? 'error-text' : undefined}>{name}</th>)}</tr></thead>
            <tbody>
              {preview.sample.map((row, index) => (
                <tr key={index} data-testid="import-sample-row">{row.map((cell, column) => <td key={column} className={cell === null ? 'muted' : undefined}>{cell ?? 'NULL'}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </div>
        {blocked && <p className="error-text" role="alert" data-testid="import-unknown">{label} has no column {preview.unknown.join(', ')}: rename it in the file's first line, or remove it.</p>}
        {preview.missing.length > 0 && <p className="muted" data-testid="import-missing">Not in the file, so they get their default: {preview.missing.join(', ')}.</p>}
        <div className="actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="button" className="primary" disabled={blocked} onClick={start}>Import</button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
