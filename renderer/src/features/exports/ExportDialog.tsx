import { useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import type { FileFormat } from '../../../../shared/query';

const labels: Record<FileFormat, { label: string; hint: string }> = {
  csv: { label: 'CSV', hint: 'RFC 4180, UTF-8; NULL is an empty field, an empty string is ""' },
  json: { label: 'JSON', hint: 'an array of objects; numbers and JSON columns as values' },
  sql: { label: 'SQL INSERT', hint: 'one INSERT per row, in this database\'s syntax' },
};

/**
 * Asks how to export: the format, and for CSV whether the first row names the columns. The file
 * is chosen in the save dialog that follows (core shows it).
 */
export function ExportDialog<F extends FileFormat>({ title, description, formats, onExport, onClose }: {
  title: string;
  description: string;
  formats: readonly F[];
  onExport(options: { format: F; headers: boolean }): void;
  onClose(): void;
}) {
  const [format, setFormat] = useState<F>(formats[0]!);
  const [headers, setHeaders] = useState(true);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onClose();
    onExport({ format, headers });
  };
  return createPortal(
    <div className="modal-backdrop">
      <form className="modal" role="dialog" aria-modal="true" aria-labelledby="export-dialog-title" data-testid="export-dialog" onSubmit={submit}>
        <h2 id="export-dialog-title">{title}</h2>
        <p className="muted">{description}</p>
        <fieldset className="choices">
          <legend>Format</legend>
          {formats.map((value) => (
            <label key={value} className="inline" title={labels[value].hint}>
              <input type="radio" name="format" value={value} checked={format === value} onChange={() => setFormat(value)} /> {labels[value].label}
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
