import { selectFileExports, useBurrowStore } from '../../store';
import { progressText } from '../../store/fileExportSlice';

/** An export that streams to a file: rows written so far with Cancel while it runs, then how it ended. */
export function FileExportStatus({ ownerId }: { ownerId: string }) {
  const view = useBurrowStore(selectFileExports)[ownerId];
  if (!view) return null;
  const { cancelFileExport, dismissFileExport } = useBurrowStore.getState();
  if (view.state === 'running') {
    return (
      <p className="export-status" role="status" data-testid="file-export-status">
        Exporting as {view.format.toUpperCase()}… {progressText(view)}
        <button type="button" className="small" onClick={() => void cancelFileExport(ownerId)}>Cancel export</button>
      </p>
    );
  }
  return (
    <p className={view.state === 'failed' ? 'export-status error-text' : 'export-status'} role={view.state === 'failed' ? 'alert' : 'status'} data-testid="file-export-status">
      {view.text}
      <button type="button" className="small" aria-label="Dismiss" onClick={() => dismissFileExport(ownerId)}>×</button>
    </p>
  );
}
