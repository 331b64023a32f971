import { TransferStatus } from '../../components/TransferStatus';
import { selectFileExports, useBurrowStore } from '../../store';
import { progressText } from '../../store/fileExportSlice';

/** An export that streams to a file: rows written so far with Cancel while it runs, then how it ended. */
export function FileExportStatus({ ownerId }: { ownerId: string }) {
  const view = useBurrowStore(selectFileExports)[ownerId];
  if (!view) return null;
  const { cancelFileExport, dismissFileExport } = useBurrowStore.getState();
  return (
    <TransferStatus testId="file-export-status" state={view.state} progress={`Exporting as ${view.format.toUpperCase()}… ${progressText(view)}`} ended={view.text}
      cancelLabel="Cancel export" onCancel={() => void cancelFileExport(ownerId)} onDismiss={() => dismissFileExport(ownerId)} />
  );
}
