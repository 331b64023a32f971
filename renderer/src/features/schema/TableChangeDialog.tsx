import { useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import type { TableInfo } from '../../../../shared/query';
import { tableChangeSql, type TableChange } from '../../../../shared/sql/tableChanges';
import { useBurrowStore } from '../../store';
import { useTableChangeRun } from './useTableChangeRun';
import { closeBrowsersOf } from './closeBrowsersOf';

const wording: Record<TableChange, { verb: string; busy: string; done: string; what: (kind: string) => string; cascade: string }> = {
  drop: {
    verb: 'Drop',
    busy: 'Dropping…',
    done: 'Dropped',
    what: (kind) => `The ${kind} and everything in it are gone for good.`,
    cascade: 'Also drop what depends on it (CASCADE: views, foreign keys)',
  },
  truncate: {
    verb: 'Empty',
    busy: 'Emptying…',
    done: 'Emptied',
    what: () => 'Every row is deleted for good; the table itself stays.',
    cascade: 'Also empty the tables that reference it (CASCADE)',
  },
};

/**
 * Asks before a table or view is dropped, or a table emptied: the user types its name to go on.
 * The statement runs on the session (safe mode may ask as well), and the schema tree reloads.
 */
export function TableChangeDialog({ sessionId, table, change, onDone, onClose }: {
  sessionId: string;
  table: TableInfo;
  change: TableChange;
  onDone(text: string): void;
  onClose(): void;
}) {
  const engine = useBurrowStore((state) => state.sessions[sessionId]?.engine);
  const [typed, setTyped] = useState('');
  const [cascade, setCascade] = useState(false);
  const { busy, error, apply } = useTableChangeRun(sessionId);
  const words = wording[change];
  const label = table.schema ? `${table.schema}.${table.name}` : table.name;
  const sql = engine ? tableChangeSql(engine, change, { table: { schema: table.schema, name: table.name }, kind: table.kind, cascade }) : '';
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (typed !== table.name || !engine) return;
    if (!(await apply(sql))) return;
    if (change === 'drop') closeBrowsersOf(sessionId, table);
    onDone(`${words.done} ${label}.`);
  };
  return createPortal(
    <div className="modal-backdrop">
      <form className="modal" role="dialog" aria-modal="true" aria-labelledby="table-change-title" data-testid="table-change" onSubmit={(event) => void submit(event)}>
        <h2 id="table-change-title">{words.verb} {table.kind} {label}?</h2>
        <p>{words.what(table.kind)} It runs:</p>
        <pre className="sql-preview" data-testid="table-change-sql">{sql}</pre>
        {engine === 'postgres' && (change === 'drop' || table.kind === 'table') && (
          <label className="inline">
            <input type="checkbox" checked={cascade} onChange={(e) => setCascade(e.target.checked)} /> {words.cascade}
          </label>
        )}
        <label className="field">
          <span>Type <strong>{table.name}</strong> to confirm</span>
          <input value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus spellCheck={false} />
        </label>
        {error && <p className="error-text" role="alert" data-testid="table-change-error">{error}</p>}
        <div className="actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary danger" disabled={typed !== table.name || busy}>{busy ? words.busy : `${words.verb} ${table.kind}`}</button>
        </div>
      </form>
    </div>,
    document.body,
  );
}
