import { useCallback, useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { SessionDebugLog } from '../../../../shared/sessions';
import { burrow } from '../../ipc/client';

/** The SSH protocol log of each hop of a session that keeps one (its "debug log" is on), redacted. */
export function SshLogDialog({ sessionId, onClose }: { sessionId: string; onClose(): void }) {
  const [logs, setLogs] = useState<SessionDebugLog | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async (): Promise<void> => {
    const result = await burrow().sessions.debugLog({ sessionId });
    if (result.ok) setLogs(result.value);
    else setError(`${result.error.code}: ${result.error.message}`);
  }, [sessionId]);
  useEffect(() => {
    void load();
  }, [load]);
  // On the body, above the grid (its rows are transformed, so they stack over anything earlier in the page).
  return createPortal(
    <div className="modal-backdrop">
      <div className="modal wide" role="dialog" aria-modal="true" aria-labelledby="ssh-log-title" data-testid="ssh-log">
        <h2 id="ssh-log-title">SSH log</h2>
        {error && <p className="error-text" role="alert">{error}</p>}
        {logs && logs.length === 0 && <p className="empty">No hop of this connection keeps a log. Turn on “log” for a hop in the connection’s settings, then connect again.</p>}
        {logs?.map((log) => (
          <section key={log.index} data-testid="ssh-log-hop">
            <h4>Hop {log.index}: {log.name ? `${log.name} (${log.host}:${log.port})` : `${log.host}:${log.port}`}</h4>
            <pre className="debug-log">{log.lines.join('\n')}</pre>
          </section>
        ))}
        <div className="actions">
          <button type="button" onClick={() => void load()}>Refresh</button>
          <button type="button" className="primary" onClick={onClose}>Close</button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
