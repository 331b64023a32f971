import { selectTableExports, useBurrowStore } from '../../store';
import { progressText } from '../../store/tableExportSlice';

/** A browser's export: rows written so far with Cancel while it runs, then how it ended. */
export function TableExportStatus({ browserId }: { browserId: string }) {
  const view = useBurrowStore(selectTableExports)[browserId];
  if (!view) return null;
  const { cancelTableExport, dismissTableExport } = useBurrowStore.getState();
  if (view.state === 'running') {
    return (
      <p className="export-status" role="status" data-testid="table-export-status">
        Exporting as {view.format.toUpperCase()}… {progressText(view)}
        <button type="button" className="small" onClick={() => void cancelTableExport(browserId)}>Cancel export</button>
      </p>
    );
  }
  return (
    <p className={view.state === 'failed' ? 'export-status error-text' : 'export-status'} role={view.state === 'failed' ? 'alert' : 'status'} data-testid="table-export-status">
      {view.text}
      <button type="button" className="small" aria-label="Dismiss" onClick={() => dismissTableExport(browserId)}>×</button>
    </p>
  );
}
