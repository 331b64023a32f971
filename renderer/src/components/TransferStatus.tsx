/** A file transfer's line (an export or an import): progress with a cancel button while it runs, then how it ended. */
export function TransferStatus({ testId, state, progress, ended, cancelLabel, onCancel, onDismiss }: {
  testId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** What runs, and how far it is. */
  progress: string;
  ended: string | null;
  cancelLabel: string;
  onCancel(): void;
  onDismiss(): void;
}) {
  if (state === 'running') {
    return (
      <p className="export-status" role="status" data-testid={testId}>
        {progress}
        <button type="button" className="small" onClick={onCancel}>{cancelLabel}</button>
      </p>
    );
  }
  return (
    <p className={state === 'failed' ? 'export-status error-text' : 'export-status'} role={state === 'failed' ? 'alert' : 'status'} data-testid={testId}>
      {ended}
      <button type="button" className="small" aria-label="Dismiss" onClick={onDismiss}>×</button>
    </p>
  );
}
