import { TransferStatus } from '../../components/TransferStatus';
import { useBurrowStore } from '../../store';
import { importProgressText } from '../../store/importSlice';

/** The session's CSV import under the schema tree: rows sent so far with Cancel, then how it ended. */
export function ImportStatus({ sessionId }: { sessionId: string }) {
  const view = useBurrowStore((state) => state.imports[sessionId]);
  if (!view) return null;
  const { cancelImport, dismissImport } = useBurrowStore.getState();
  return (
    <TransferStatus testId="import-status" state={view.state} progress={`Importing into ${view.table}… ${importProgressText(view)}`} ended={view.text}
      cancelLabel="Cancel import" onCancel={() => void cancelImport(sessionId)} onDismiss={() => dismissImport(sessionId)} />
  );
}
