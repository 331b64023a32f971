import type { ResultSummary } from '../../../../shared/query';
import { useBurrowStore } from '../../store';
import type { QueryTab } from '../../store/workspaceSlice';
import { countResultChanges } from './resultEdits';
import { useResultEditing } from './useResultEditing';

/**
 * Above a result read from a table: which table its edits go to (or why it is read-only), and
 * Save / Discard while changes wait.
 */
export function ResultEditBar({ tab, result }: { tab: QueryTab; result: ResultSummary }) {
  const { editability, state } = useResultEditing(tab, result);
  const { saveResultEdits, discardResultEdits } = useBurrowStore.getState();
  const count = countResultChanges(state.edits);
  const fromTable = result.columns.some((column) => column.origin);
  if (!fromTable && count === 0) return null;
  return (
    <div className="toolbar edit-bar" data-testid="result-edit-bar">
      {editability.editable ? (
        <span className="muted" data-testid="result-editable" title="Double-click a cell to edit it; Delete marks the selected rows; Mod+S saves">
          Editable: {editability.table.schema}.{editability.table.name}
        </span>
      ) : (
        <span className="muted" data-testid="result-read-only">Read-only: {editability.reason}</span>
      )}
      {count > 0 && (
        <>
          <button type="button" className="small primary" data-testid="result-save" disabled={state.saving || !editability.editable}
            onClick={() => void saveResultEdits(tab.id, result.resultId)} title="Mod+S">
            {state.saving ? 'Saving…' : `Save changes (${count})`}
          </button>
          <button type="button" className="small" disabled={state.saving} onClick={() => discardResultEdits(result.resultId)}>Discard</button>
        </>
      )}
      {state.status && <span className="muted" role="status" data-testid="result-edit-status">{state.status}</span>}
      {state.error && <span className="error-text" role="alert" data-testid="result-edit-error">{state.error.text}</span>}
    </div>
  );
}
