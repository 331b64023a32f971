import { useMemo, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import type { ColumnInfo, ForeignKeyInfo, IndexInfo, TableInfo } from '../../../../shared/query';
import {
  columnChanges, columnEditsOf, referentialActions, structureChangeSql, StructureChangeError, type ColumnSpec, type ReferentialAction, type StructureChange,
} from '../../../../shared/sql/structureChanges';
import { sqliteRebuildScript } from '../../../../shared/sql/sqliteRebuild';
import { useBurrowStore } from '../../store';
import { COMMON_TYPES } from './commonTypes';
import { useTableChangeRun } from './useTableChangeRun';

/** What the structure view asked to change. */
export type StructureEdit =
  | { kind: 'addColumn' }
  | { kind: 'editColumn'; column: ColumnInfo }
  | { kind: 'dropColumn'; column: ColumnInfo }
  | { kind: 'addIndex' }
  | { kind: 'dropIndex'; index: IndexInfo }
  | { kind: 'addForeignKey' }
  | { kind: 'dropForeignKey'; foreignKey: ForeignKeyInfo };

const tableLabel = (t: { schema: string | null; name: string }): string => (t.schema ? `${t.schema}.${t.name}` : t.name);

const specOf = (column: ColumnInfo): ColumnSpec => ({ name: column.name, type: column.dataType, nullable: column.nullable, default: column.default });

function titleOf(edit: StructureEdit, label: string): string {
  if (edit.kind === 'addColumn') return `Add a column to ${label}`;
  if (edit.kind === 'editColumn') return `Change column ${edit.column.name}`;
  if (edit.kind === 'dropColumn') return `Drop column ${edit.column.name}?`;
  if (edit.kind === 'addIndex') return `Add an index to ${label}`;
  if (edit.kind === 'addForeignKey') return `Add a foreign key to ${label}`;
  if (edit.kind === 'dropForeignKey') return `Drop foreign key ${edit.foreignKey.name}?`;
  return `Drop index ${edit.index.name}?`;
}

/**
 * Changes a table's structure one step at a time: add, change or drop a column, add or drop an
 * index. The statement is shown as it is built (`shared/sql/structureChanges.ts`) and runs on the
 * session like any other (safe mode may ask; it is in the history); the schema then reloads.
 * Dropping a column asks for its name to be typed, as dropping a table does.
 */
export function StructureChangeDialog({ sessionId, table, edit, onDone, onClose }: {
  sessionId: string;
  table: TableInfo;
  edit: StructureEdit;
  onDone(text: string): void;
  onClose(): void;
}) {
  const engine = useBurrowStore((state) => state.sessions[sessionId]?.engine) ?? 'postgres';
  const label = tableLabel(table);
  const start = edit.kind === 'editColumn' ? specOf(edit.column) : { name: '', type: '', nullable: true, default: null };
  const [column, setColumn] = useState<ColumnSpec>(start);
  const [defaultText, setDefaultText] = useState(start.default ?? '');
  /** The name typed for a new index or foreign key (else the suggestion). */
  const [constraintName, setConstraintName] = useState('');
  const [indexColumns, setIndexColumns] = useState<string[]>([]);
  const [unique, setUnique] = useState(false);
  const [cascade, setCascade] = useState(false);
  const schemaState = useBurrowStore((state) => state.schemas[sessionId]);
  const tables = useMemo(() => (schemaState?.status === 'ready' ? schemaState.info.tables.filter((t) => t.kind === 'table') : []), [schemaState]);
  const [referenced, setReferenced] = useState<TableInfo | null>(null);
  const [referencedColumns, setReferencedColumns] = useState<Record<string, string>>({});
  const [onDelete, setOnDelete] = useState<ReferentialAction>('NO ACTION');
  const [onUpdate, setOnUpdate] = useState<ReferentialAction>('NO ACTION');
  const [typed, setTyped] = useState('');
  const { busy, error, apply } = useTableChangeRun(sessionId);
  // SQLite's fields stay open: what it cannot change in place becomes a rebuild script (below).
  const can = edit.kind === 'editColumn' && engine !== 'sqlite' ? columnEditsOf(engine) : { rename: true, type: true, nullable: true, default: true };
  const suggestedName = `${table.name}_${indexColumns.join('_') || 'columns'}_${edit.kind === 'addForeignKey' ? 'fkey' : unique ? 'key' : 'idx'}`.slice(0, 63);
  /** Picks the table a foreign key references; its columns pair with the chosen ones by key order until the user picks. */
  const chooseReferenced = (next: TableInfo | null): void => {
    setReferenced(next);
    setReferencedColumns({});
  };
  const keyColumns = referenced?.columns.filter((c) => c.primaryKey).map((c) => c.name) ?? [];
  const pairedColumn = (name: string): string => referencedColumns[name] ?? keyColumns[indexColumns.indexOf(name)] ?? '';

  const name = constraintName.trim() || suggestedName;
  const changeFor = (): StructureChange => {
    switch (edit.kind) {
      case 'addColumn': return { kind: 'addColumn', column };
      case 'editColumn': return { kind: 'alterColumn', before: specOf(edit.column), after: column };
      case 'dropColumn': return { kind: 'dropColumn', name: edit.column.name, cascade };
      case 'addIndex': return { kind: 'addIndex', name, columns: indexColumns, unique };
      case 'dropIndex': return { kind: 'dropIndex', name: edit.index.name };
      case 'dropForeignKey': return { kind: 'dropForeignKey', name: edit.foreignKey.name };
      case 'addForeignKey':
        if (!referenced) throw new StructureChangeError('choose the table it references');
        return {
          kind: 'addForeignKey',
          foreignKey: { name, columns: indexColumns, onDelete, onUpdate, referencedTable: { schema: referenced.schema, name: referenced.name }, referencedColumns: indexColumns.map(pairedColumn) },
        };
    }
  };
  let statements: string[] = [];
  let problem: string | null = null;
  try {
    statements = structureChangeSql(engine, { schema: table.schema, name: table.name }, changeFor());
  } catch (caught) {
    if (!(caught instanceof StructureChangeError)) throw caught;
    problem = caught.message;
  }
  // What SQLite cannot change in place, a rebuild of the table can: offered as a script to read and run.
  const edited = edit.kind === 'editColumn' ? columnChanges(specOf(edit.column), column) : null;
  const rebuild = engine === 'sqlite' && edit.kind === 'editColumn' && edited && (edited.retyped || edited.renulled || edited.redefaulted) && column.name.trim() && column.type.trim()
    ? sqliteRebuildScript(table, specOf(edit.column), { ...column, name: column.name.trim(), type: column.type.trim() })
    : null;
  const confirmName = edit.kind === 'dropColumn' ? edit.column.name : null;
  const ready = problem === null && !busy && (confirmName === null || typed === confirmName);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!ready) return;
    if (!(await apply(statements.join(';\n')))) return;
    onDone(statements.length === 1 ? `Done: ${statements[0]}` : `Done: ${statements.length} statements.`);
  };
  const setDefault = (text: string | null): void => {
    if (text !== null) setDefaultText(text);
    setColumn((current) => ({ ...current, default: text }));
  };

  return createPortal(
    <div className="modal-backdrop">
      <form className="modal" role="dialog" aria-modal="true" aria-labelledby="structure-change-title" data-testid="structure-change" onSubmit={(event) => void submit(event)}>
        <h2 id="structure-change-title">{titleOf(edit, label)}</h2>
        {(edit.kind === 'addColumn' || edit.kind === 'editColumn') && (
          <>
            <label className="field">
              <span>Name</span>
              <input value={column.name} disabled={!can.rename} autoFocus spellCheck={false} onChange={(e) => setColumn({ ...column, name: e.target.value })} />
            </label>
            <label className="field">
              <span>Type</span>
              <input value={column.type} disabled={!can.type} list="structure-types" spellCheck={false} onChange={(e) => setColumn({ ...column, type: e.target.value })} />
              <datalist id="structure-types">{COMMON_TYPES[engine].map((type) => <option key={type} value={type} />)}</datalist>
            </label>
            <label className="inline">
              <input type="checkbox" checked={column.nullable} disabled={!can.nullable} onChange={(e) => setColumn({ ...column, nullable: e.target.checked })} /> Allows NULL
            </label>
            <label className="inline">
              <input type="checkbox" checked={column.default !== null} disabled={!can.default} onChange={(e) => setDefault(e.target.checked ? defaultText : null)} /> Default
            </label>
            {column.default !== null && (
              <label className="field">
                <span>Default (an SQL expression: <code>'text'</code>, <code>0</code>, <code>now()</code>)</span>
                <input aria-label="Default expression" value={defaultText} disabled={!can.default} spellCheck={false} onChange={(e) => setDefault(e.target.value)} />
              </label>
            )}
            {edit.kind === 'editColumn' && !(can.type && can.nullable && can.default) && (
              <p className="muted" data-testid="structure-limits">
                This engine changes a column's {[!can.type && 'type', !can.nullable && 'NULL', !can.default && 'default'].filter(Boolean).join(', ')} only by rebuilding or restating it, which this dialog does not do: write that ALTER TABLE in a query tab.
              </p>
            )}
          </>
        )}
        {(edit.kind === 'addIndex' || edit.kind === 'addForeignKey') && (
          <>
            <fieldset className="index-columns">
              <legend>Columns, in the order clicked</legend>
              {table.columns.map((c) => (
                <label key={c.name} className="inline">
                  <input type="checkbox" checked={indexColumns.includes(c.name)}
                    onChange={(e) => setIndexColumns((current) => (e.target.checked ? [...current, c.name] : current.filter((name) => name !== c.name)))} /> {c.name}
                  {indexColumns.includes(c.name) && <span className="muted"> ({indexColumns.indexOf(c.name) + 1})</span>}
                </label>
              ))}
            </fieldset>
            {edit.kind === 'addIndex' && <label className="inline"><input type="checkbox" checked={unique} onChange={(e) => setUnique(e.target.checked)} /> Unique</label>}
            {edit.kind === 'addForeignKey' && (
              <>
                <label className="field">
                  <span>References</span>
                  <select aria-label="Referenced table" value={referenced ? tableLabel(referenced) : ''} onChange={(e) => chooseReferenced(tables.find((t) => tableLabel(t) === e.target.value) ?? null)}>
                    <option value="" disabled>Choose a table…</option>
                    {tables.map((t) => <option key={tableLabel(t)} value={tableLabel(t)}>{tableLabel(t)}</option>)}
                  </select>
                </label>
                {referenced && indexColumns.map((name) => (
                  <label key={name} className="field">
                    <span>{name} references</span>
                    <select aria-label={`${name} references`} value={pairedColumn(name)} onChange={(e) => setReferencedColumns({ ...referencedColumns, [name]: e.target.value })}>
                      <option value="" disabled>Choose a column…</option>
                      {referenced.columns.map((c) => <option key={c.name} value={c.name}>{c.name} ({c.dataType})</option>)}
                    </select>
                  </label>
                ))}
                <div className="new-table-name">
                  {([['On delete', onDelete, setOnDelete], ['On update', onUpdate, setOnUpdate]] as const).map(([text, current, set]) => (
                    <label key={text} className="field">
                      <span>{text}</span>
                      <select aria-label={text} value={current} onChange={(e) => set(e.target.value as ReferentialAction)}>
                        {referentialActions.map((action) => <option key={action} value={action}>{action}</option>)}
                      </select>
                    </label>
                  ))}
                </div>
              </>
            )}
            <label className="field">
              <span>Name</span>
              <input value={constraintName} placeholder={suggestedName} spellCheck={false} onChange={(e) => setConstraintName(e.target.value)} />
            </label>
          </>
        )}
        {edit.kind === 'dropColumn' && (
          <>
            <p>Every value in this column is gone for good.</p>
            {engine === 'postgres' && (
              <label className="inline"><input type="checkbox" checked={cascade} onChange={(e) => setCascade(e.target.checked)} /> Also drop what depends on it (CASCADE: views, constraints)</label>
            )}
            <label className="field">
              <span>Type <strong>{edit.column.name}</strong> to confirm</span>
              <input value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus spellCheck={false} />
            </label>
          </>
        )}
        {problem && rebuild && (
          <p>
            <button type="button" className="small" onClick={() => {
              useBurrowStore.getState().openTab(sessionId, `Rebuild ${table.name}`, rebuild);
              onClose();
            }}>Open a rebuild script in a query tab</button>{' '}
            <span className="muted">SQLite's way: a new table with the change, the rows copied over, the old one dropped.</span>
          </p>
        )}
        {problem ? <p className="muted" data-testid="structure-change-problem">{problem[0]!.toUpperCase() + problem.slice(1)}.</p> : (
          <>
            <p>It runs:</p>
            <pre className="sql-preview" data-testid="structure-change-sql">{statements.join(';\n')}</pre>
          </>
        )}
        {error && <p className="error-text" role="alert" data-testid="structure-change-error">{error}</p>}
        <div className="actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className={edit.kind.startsWith('drop') ? 'primary danger' : 'primary'} disabled={!ready}>{busy ? 'Applying…' : edit.kind.startsWith('drop') ? 'Drop' : 'Apply'}</button>
        </div>
      </form>
    </div>,
    document.body,
  );
}
