import { useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import type { Engine } from '../../../../shared/profile';
import { createTableSql, type NewColumn } from '../../../../shared/sql/createTable';
import { StructureChangeError } from '../../../../shared/sql/structureChanges';
import { useBurrowStore } from '../../store';
import { COMMON_TYPES } from './commonTypes';
import { openTableBrowser } from './openTableBrowser';
import { useTableChangeRun } from './useTableChangeRun';

const KEY_TYPE: Record<Engine, string> = { postgres: 'integer', mysql: 'int', mariadb: 'int', sqlite: 'INTEGER', sqlserver: 'int' };
const TEXT_TYPE: Record<Engine, string> = { postgres: 'text', mysql: 'varchar(255)', mariadb: 'varchar(255)', sqlite: 'TEXT', sqlserver: 'nvarchar(255)' };

/**
 * New table…: a name, its schema, and its columns (type, NULL, default, primary key,
 * auto-increment), with the CREATE TABLE shown as it is built (`shared/sql/createTable.ts`). It
 * runs on the session like any statement (safe mode may ask; it is in the history); then the schema
 * reloads and the new table opens.
 */
export function NewTableDialog({ sessionId, schemas, defaultSchema, onDone, onClose }: {
  sessionId: string;
  schemas: readonly string[];
  defaultSchema: string | null;
  onDone(text: string): void;
  onClose(): void;
}) {
  const engine = useBurrowStore((state) => state.sessions[sessionId]?.engine) ?? 'postgres';
  const [name, setName] = useState('');
  const [schema, setSchema] = useState(defaultSchema);
  const [columns, setColumns] = useState<NewColumn[]>([
    { name: 'id', type: KEY_TYPE[engine], nullable: false, default: null, primaryKey: true, autoIncrement: true },
    { name: '', type: TEXT_TYPE[engine], nullable: true, default: null, primaryKey: false, autoIncrement: false },
  ]);
  const { busy, error, apply } = useTableChangeRun(sessionId);
  const table = { schema, name };
  let sql = '';
  let problem: string | null = null;
  try {
    sql = createTableSql(engine, table, columns);
  } catch (caught) {
    if (!(caught instanceof StructureChangeError)) throw caught;
    problem = caught.message;
  }
  const change = (index: number, patch: Partial<NewColumn>): void => setColumns((current) => current.map((column, i) => (i === index ? { ...column, ...patch } : column)));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (problem !== null || busy) return;
    if (!(await apply(sql))) return;
    const created = { schema, name: name.trim() };
    onDone(`Created ${schema ? `${schema}.` : ''}${created.name}.`);
    openTableBrowser(sessionId, created);
  };

  return createPortal(
    <div className="modal-backdrop">
      <form className="modal wide" role="dialog" aria-modal="true" aria-labelledby="new-table-title" data-testid="new-table" onSubmit={(event) => void submit(event)}>
        <h2 id="new-table-title">New table</h2>
        <div className="new-table-name">
          {schemas.length > 1 && (
            <label className="field">
              <span>Schema</span>
              <select value={schema ?? ''} onChange={(e) => setSchema(e.target.value || null)}>
                {schemas.map((s) => <option key={s} value={s}>{s}</option>)}
              </select>
            </label>
          )}
          <label className="field">
            <span>Table name</span>
            <input value={name} autoFocus spellCheck={false} onChange={(e) => setName(e.target.value)} />
          </label>
        </div>
        <table className="structure-table new-table-columns" data-testid="new-table-columns">
          <thead><tr><th>Column</th><th>Type</th><th>NULL</th><th>Default</th><th>Key</th><th>Auto</th><th /></tr></thead>
          <tbody>
            {columns.map((column, index) => (
              <tr key={index}>
                <td><input aria-label={`Column ${index + 1} name`} value={column.name} spellCheck={false} onChange={(e) => change(index, { name: e.target.value })} /></td>
                <td><input aria-label={`Column ${index + 1} type`} value={column.type} list="new-table-types" spellCheck={false} onChange={(e) => change(index, { type: e.target.value })} /></td>
                <td><input type="checkbox" aria-label={`Column ${index + 1} allows NULL`} checked={column.nullable && !column.primaryKey} disabled={column.primaryKey} onChange={(e) => change(index, { nullable: e.target.checked })} /></td>
                <td><input aria-label={`Column ${index + 1} default`} placeholder="none" value={column.default ?? ''} spellCheck={false} onChange={(e) => change(index, { default: e.target.value === '' ? null : e.target.value })} /></td>
                <td><input type="checkbox" aria-label={`Column ${index + 1} primary key`} checked={column.primaryKey} onChange={(e) => change(index, { primaryKey: e.target.checked, ...(e.target.checked ? {} : { autoIncrement: false }) })} /></td>
                <td><input type="checkbox" aria-label={`Column ${index + 1} auto-increment`} checked={column.autoIncrement} disabled={!column.primaryKey} onChange={(e) => change(index, { autoIncrement: e.target.checked })} /></td>
                <td><button type="button" className="small" aria-label={`Remove column ${index + 1}`} disabled={columns.length === 1} onClick={() => setColumns((current) => current.filter((_c, i) => i !== index))}>×</button></td>
              </tr>
            ))}
          </tbody>
        </table>
        <datalist id="new-table-types">{COMMON_TYPES[engine].map((type) => <option key={type} value={type} />)}</datalist>
        <button type="button" className="small" onClick={() => setColumns((current) => [...current, { name: '', type: TEXT_TYPE[engine], nullable: true, default: null, primaryKey: false, autoIncrement: false }])}>+ Column</button>
        {problem ? <p className="muted" data-testid="new-table-problem">{problem[0]!.toUpperCase() + problem.slice(1)}.</p> : (
          <pre className="sql-preview" data-testid="new-table-sql">{sql}</pre>
        )}
        {error && <p className="error-text" role="alert" data-testid="new-table-error">{error}</p>}
        <div className="actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={problem !== null || busy}>{busy ? 'Creating…' : 'Create table'}</button>
        </div>
      </form>
    </div>,
    document.body,
  );
}
