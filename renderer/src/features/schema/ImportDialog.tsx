import { useState } from 'react';
import { createPortal } from 'react-dom';
import type { CsvDelimiter, ImportPreview } from '../../../../shared/query';
import { burrow } from '../../ipc/client';
import { useBurrowStore } from '../../store';
import { formatBytes } from '../query/exportResult';
import { defaultedColumns, initialChoices, mappingProblem, requestColumns, type ColumnChoice } from './importMapping';

const DELIMITERS: { value: CsvDelimiter; label: string }[] = [
  { value: ',', label: 'Comma (,)' },
  { value: ';', label: 'Semicolon (;)' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe (|)' },
];
const LEAVE_OUT = '\u0000leave-out';
const UNCHOSEN = '';

const choiceValue = (choice: ColumnChoice): string => (choice === undefined ? UNCHOSEN : choice === null ? LEAVE_OUT : choice);
const choiceOf = (value: string): ColumnChoice => (value === UNCHOSEN ? undefined : value === LEAVE_OUT ? null : value);

/**
 * Shows what a CSV import would do before it writes: how the file is read (delimiter, header line,
 * empty fields), the file's first rows, and for each file column the table column it fills or
 * "leave out". A column that matched nothing must be chosen, so a misspelt header never drops its
 * data silently. Table columns nothing fills get their default. Import runs it in one transaction.
 */
export function ImportDialog({ sessionId, table, path, preview: first, onClose }: {
  sessionId: string;
  table: { schema: string | null; name: string };
  path: string;
  preview: ImportPreview;
  onClose(): void;
}) {
  const label = table.schema ? `${table.schema}.${table.name}` : table.name;
  const [preview, setPreview] = useState(first);
  const [header, setHeader] = useState(true);
  const [delimiter, setDelimiter] = useState(first.delimiter);
  const [emptyAsNull, setEmptyAsNull] = useState(true);
  const [choices, setChoices] = useState<ColumnChoice[]>(() => initialChoices(first));
  const [reading, setReading] = useState<string | null>(null);

  /** Reads the file again as asked; the mapping starts over from the new suggestion. */
  const reread = async (options: { delimiter: CsvDelimiter; header: boolean }): Promise<void> => {
    setDelimiter(options.delimiter);
    setHeader(options.header);
    setReading('Reading the file…');
    // Read with empty fields as NULL, whatever the checkbox says: the sample shows them as the checkbox would.
    const answer = await burrow().schema.previewImport({ connectionId: sessionId, table, path, options });
    if (!answer.ok) {
      setReading(`Cannot read ${path} that way: ${answer.error.message}`);
      return;
    }
    setReading(null);
    setPreview(answer.value);
    setChoices(initialChoices(answer.value));
  };

  const problem = reading ?? mappingProblem(choices, preview.fileColumns);
  const defaulted = defaultedColumns(choices, preview.tableColumns);
  const start = (): void => {
    onClose();
    void useBurrowStore.getState().importCsv(sessionId, table, path, { options: { delimiter, header, emptyAsNull }, columns: requestColumns(choices) });
  };
  const choose = (index: number, value: string): void => setChoices((current) => current.map((choice, i) => (i === index ? choiceOf(value) : choice)));

  return createPortal(
    <div className="modal-backdrop">
      <div className="modal wide" role="dialog" aria-modal="true" aria-labelledby="import-title" data-testid="import-dialog">
        <h2 id="import-title">Import into {label}</h2>
        <p className="muted">{path} · {formatBytes(preview.bytes)}. Every row goes in one transaction, on a connection of its own: all of them, or none.</p>
        <div className="import-options">
          <label>
            Delimiter{' '}
            <select aria-label="Delimiter" value={delimiter} onChange={(event) => void reread({ delimiter: event.target.value as CsvDelimiter, header })}>
              {DELIMITERS.map((d) => <option key={d.value} value={d.value}>{d.label}</option>)}
            </select>
          </label>
          <label>
            <input type="checkbox" checked={header} onChange={(event) => void reread({ delimiter, header: event.target.checked })} /> First line names the columns
          </label>
          <label title="Off: an empty field is an empty string. A quoted empty field (&quot;&quot;) is always an empty string.">
            <input type="checkbox" checked={emptyAsNull} onChange={(event) => setEmptyAsNull(event.target.checked)} /> Empty fields are NULL
          </label>
        </div>
        <div className="import-preview">
          <table>
            <thead>
              <tr>{preview.fileColumns.map((name, index) => <th key={index} className={choices[index] === undefined ? 'error-text' : undefined}>{name}</th>)}</tr>
              <tr data-testid="import-mapping">
                {preview.fileColumns.map((name, index) => (
                  <th key={index}>
                    <select aria-label={`Table column for ${name}`} value={choiceValue(choices[index])} onChange={(event) => choose(index, event.target.value)}>
                      <option value={UNCHOSEN} disabled>Choose…</option>
                      <option value={LEAVE_OUT}>Leave out</option>
                      {preview.tableColumns.map((column) => <option key={column.name} value={column.name}>→ {column.name} ({column.dataType})</option>)}
                    </select>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.sample.map((row, index) => (
                <tr key={index} data-testid="import-sample-row">{row.map((cell, column) => <td key={column} className={cell === null ? 'muted' : undefined}>{cell ?? (emptyAsNull ? 'NULL' : '')}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </div>
        {problem && <p className="error-text" role="alert" data-testid="import-problem">{problem}</p>}
        {defaulted.length > 0 && <p className="muted" data-testid="import-missing">Not filled from the file, so they get their default: {defaulted.join(', ')}.</p>}
        <div className="actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="button" className="primary" disabled={problem !== null} onClick={start}>Import</button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
