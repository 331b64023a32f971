import { useBurrowStore } from '../../store';
import type { BrowseView } from '../../store/schemaSlice';
import { countChanges, isDeleted } from './tableEdits';

/** Row actions of an editable browser, and Save / Discard while changes wait. */
export function EditBar({ view }: { view: BrowseView }) {
  const { addRow, duplicateRow, toggleDelete, discardEdits, saveEdits } = useBurrowStore.getState();
  const count = countChanges(view.pending);
  const busy = view.loading || view.saving;
  const selected = view.selected;
  const selectedDeleted = selected ? isDeleted(view.pending, selected) : false;
  return (
    <div className="toolbar edit-bar">
      <button type="button" className="small" onClick={() => addRow(view.id)} disabled={busy}>+ Row</button>
      <button type="button" className="small" onClick={() => duplicateRow(view.id)} disabled={busy || !selected} title={selected ? 'A new row with this row\'s values, its key left out (Mod+D)' : 'Click a row first'}>Duplicate row</button>
      <button type="button" className="small" onClick={() => selected && toggleDelete(view.id, selected)} disabled={busy || !selected} title={selected ? undefined : 'Click a row first'}>
        {selectedDeleted ? 'Restore row' : 'Delete row'}
      </button>
      {count > 0 && (
        <>
          <button type="button" className="small primary" onClick={() => void saveEdits(view.id)} disabled={busy} title="Mod+S">
            {view.saving ? 'Saving…' : `Save changes (${count})`}
          </button>
          <button type="button" className="small" onClick={() => discardEdits(view.id)} disabled={busy}>Discard</button>
        </>
      )}
      {view.saved && <span className="muted" role="status" data-testid="edit-status">{view.saved}</span>}
    </div>
  );
}
