import { useState } from 'react';
import type { TableInfo } from '../../../../shared/query';
import { useBurrowStore } from '../../store';
import type { BrowseTable } from '../../store/schemaSlice';
import { sessionReadOnly } from '../../store/sessionReadOnly';
import { openTableBrowser } from './openTableBrowser';
import { StructureChangeDialog, type StructureEdit } from './StructureChangeDialog';

/**
 * A table's structure as the session's introspection knows it: columns (type, NULL, default, key),
 * indexes, and foreign keys, each of which opens the table it references. On a live connection
 * that is not read-only, a table's columns and indexes can be added, changed and dropped, one
 * statement shown and run at a time (see StructureChangeDialog).
 */
export function TableStructure({ sessionId, table, info }: { sessionId: string; table: BrowseTable; info: TableInfo | undefined }) {
  const [edit, setEdit] = useState<StructureEdit | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const engine = useBurrowStore((state) => state.sessions[sessionId]?.engine);
  const editable = useBurrowStore((state) => Boolean(state.sessions[sessionId]) && !sessionReadOnly(state, sessionId)) && info?.kind === 'table';
  if (!info) return <p className="empty" data-testid="structure-missing">{table.name} is not in the loaded schema: Refresh the schema tree.</p>;
  return (
    <div className="structure" data-testid="table-structure">
      <p className="muted">
        {info.kind === 'view' ? 'View' : 'Table'} · {info.columns.length} column{info.columns.length === 1 ? '' : 's'}
        {info.estimatedRows !== null && info.estimatedRows >= 0 ? ` · about ${info.estimatedRows.toLocaleString()} rows (the planner's estimate)` : ''}
      </p>
      {notice && <p className="muted" role="status" data-testid="structure-notice">{notice}</p>}
      <h3>Columns {editable && <button type="button" className="small" onClick={() => setEdit({ kind: 'addColumn' })}>+ Column</button>}</h3>
      <table className="structure-table" data-testid="structure-columns">
        <thead><tr><th>#</th><th>Name</th><th>Type</th><th>NULL</th><th>Default</th><th>Key</th>{editable && <th />}</tr></thead>
        <tbody>
          {[...info.columns].sort((a, b) => a.ordinal - b.ordinal).map((column, index) => (
            <tr key={column.name}>
              <td className="row-number">{index + 1}</td>
              <td>{column.name}</td>
              <td>{column.dataType}</td>
              <td>{column.nullable ? 'yes' : 'no'}</td>
              <td className={column.default === null ? 'cell-null' : undefined}>{column.default ?? '—'}</td>
              <td>{column.primaryKey ? 'PK' : ''}</td>
              {editable && (
                <td className="row-actions">
                  <button type="button" className="small" aria-label={`Change column ${column.name}`} onClick={() => setEdit({ kind: 'editColumn', column })}>Change…</button>
                  <button type="button" className="small" aria-label={`Drop column ${column.name}`} onClick={() => setEdit({ kind: 'dropColumn', column })}>Drop…</button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Indexes {editable && <button type="button" className="small" onClick={() => setEdit({ kind: 'addIndex' })}>+ Index</button>}</h3>
      {info.indexes.length === 0 ? <p className="empty">None.</p> : (
        <table className="structure-table" data-testid="structure-indexes">
          <thead><tr><th>Name</th><th>Columns</th><th>Kind</th>{editable && <th />}</tr></thead>
          <tbody>
            {info.indexes.map((index) => (
              <tr key={index.name}>
                <td>{index.name}</td>
                <td>{index.columns.join(', ')}</td>
                <td>{index.primary ? 'primary key' : index.unique ? 'unique' : ''}</td>
                {editable && (
                  <td className="row-actions">
                    {!index.primary && <button type="button" className="small" aria-label={`Drop index ${index.name}`} onClick={() => setEdit({ kind: 'dropIndex', index })}>Drop…</button>}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Foreign keys {editable && engine !== 'sqlite' && <button type="button" className="small" onClick={() => setEdit({ kind: 'addForeignKey' })}>+ Foreign key</button>}</h3>
      {info.foreignKeys.length === 0 ? <p className="empty">None.</p> : (
        <table className="structure-table" data-testid="structure-foreign-keys">
          <thead><tr><th>Name</th><th>Columns</th><th>References</th>{editable && engine !== 'sqlite' && <th />}</tr></thead>
          <tbody>
            {info.foreignKeys.map((fk) => {
              const target = { schema: fk.referencedSchema ?? table.schema, name: fk.referencedTable };
              return (
                <tr key={fk.name}>
                  <td>{fk.name}</td>
                  <td>{fk.columns.join(', ')}</td>
                  <td>
                    <button type="button" className="link" onClick={() => openTableBrowser(sessionId, target)}>
                      {target.schema && target.schema !== table.schema ? `${target.schema}.` : ''}{fk.referencedTable}
                    </button>
                    {' '}({fk.referencedColumns.join(', ')})
                  </td>
                  {editable && engine !== 'sqlite' && (
                    <td className="row-actions">
                      <button type="button" className="small" aria-label={`Drop foreign key ${fk.name}`} onClick={() => setEdit({ kind: 'dropForeignKey', foreignKey: fk })}>Drop…</button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {edit && (
        <StructureChangeDialog sessionId={sessionId} table={info} edit={edit} onClose={() => setEdit(null)}
          onDone={(text) => {
            setEdit(null);
            setNotice(text);
          }} />
      )}
    </div>
  );
}
