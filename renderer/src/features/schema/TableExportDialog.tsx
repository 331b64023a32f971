import { useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import type { FileFormat } from '../../../../shared/query';
import { useBurrowStore } from '../../store';

const formats: { value: FileFormat; label: string; hint: string }[] = [
  { value: 'csv', label: 'CSV', hint: 'RFC 4180, UTF-8; NULL is an empty field, an empty string is ""' },
  { value: 'json', label: 'JSON', hint: 'an array of objects; numbers and JSON columns as values' },
  { value: 'sql', label: 'SQL INSERT', hint: 'one INSERT per row, in this database\'s syntax' },
];

/**
 * Asks how to export a browser's table: the format, and for CSV whether the first row names the
 * columns. The file is chosen in the save dialog that follows (core shows it).
 */
export function TableExportDialog({ browserId, title, filtered, onClose }: { browserId: string; title: string; filtered: boolean; onClose(): void }) {
  const [format, setFormat] = useState<FileFormat>('csv');
  const [headers, setHeaders] = useState(true);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onClose();
    void useBurrowStore.getState().exportTable(browserId, { format, headers });
  };
  return createPortal(
    <div className="modal-backdrop">
      <form className="modal" role="dialog" aria-modal="true" aria-labelledby="table-export-title" data-testid="table-export" onSubmit={submit}>
        <h2 id="table-export-title">Export {title}</h2>
        <p className="muted">
          {filtered ? 'Every row the current filters let through, in the current sort' : 'Every row of the table, in the current sort'}, read on a connection
          of its own: queries in this session go on meanwhile.
        </p>
        <fieldset className="choices">
          <legend>Format</legend>
          {formats.map((option) => (
            <label key={option.value} className="inline" title={option.hint}>
              <input type="radio" name="format" value={option.value} checked={format === option.value} onChange={() => setFormat(option.value)} /> {option.label}
            </label>
          ))}
        </fieldset>
        {format === 'csv' && (
          <label className="inline">
            <input type="checkbox" checked={headers} onChange={(event) => setHeaders(event.target.checked)} /> Column names in the first row
          </label>
        )}
        <div className="actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" autoFocus>Choose file…</button>
        </div>
      </form>
    </div>,
    document.body,
  );
}
