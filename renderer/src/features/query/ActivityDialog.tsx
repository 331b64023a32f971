import { useCallback, useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ServerProcess } from '../../../../shared/serverProcesses';
import { burrow } from '../../ipc/client';
import { firstLine } from './useSearchedList';

const REFRESH_MS = 2000;

const duration = (ms: number | null): string => {
  if (ms === null) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min`;
};

/**
 * The server's client sessions (PostgreSQL's pg_stat_activity, MySQL's process list, SQL Server's
 * sessions), read every 2 s from a connection of the session's own, so it answers while the tabs'
 * connection is busy. A running statement can be cancelled, or a whole session ended, after asking.
 */
export function ActivityDialog({ sessionId, title, onClose }: { sessionId: string; title: string; onClose(): void }) {
  const [processes, setProcesses] = useState<ServerProcess[] | null>(null);
  const [canEndQueryOnly, setCanEndQueryOnly] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [paused, setPaused] = useState(false);
  const [hideIdle, setHideIdle] = useState(true);

  const load = useCallback(async (): Promise<void> => {
    const answer = await burrow().server.processes({ connectionId: sessionId });
    if (!answer.ok) {
      setError(`${answer.error.code}: ${answer.error.message}`);
      return;
    }
    setError(null);
    setProcesses(answer.value.processes);
    setCanEndQueryOnly(answer.value.canEndQueryOnly);
  }, [sessionId]);

  useEffect(() => {
    void load();
    if (paused) return;
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load, paused]);

  const end = async (process: ServerProcess, scope: 'query' | 'connection'): Promise<void> => {
    const what = scope === 'query' ? `Cancel the statement process ${process.id} is running` : `End process ${process.id}'s whole session (its open transaction rolls back)`;
    if (!window.confirm(`${what}?${process.own ? ' It is this connection\'s own.' : ''}`)) return;
    const answer = await burrow().server.kill({ connectionId: sessionId, processId: process.id, scope });
    if (!answer.ok) setNotice(`${answer.error.code}: ${answer.error.message}`);
    else setNotice(answer.value.ended ? `${scope === 'query' ? 'Cancelled the statement of' : 'Ended'} process ${process.id}.` : `Nothing was ended: process ${process.id} is gone, or not yours to end.`);
    await load();
  };

  const idle = (p: ServerProcess): boolean => p.runningMs === null && !p.own;
  const shown = processes?.filter((p) => !hideIdle || !idle(p)) ?? null;
  return createPortal(
    <div className="modal-backdrop">
      <div className="modal wide" role="dialog" aria-modal="true" aria-labelledby="activity-title" data-testid="activity">
        <h2 id="activity-title">Server activity · {title}</h2>
        <div className="import-options">
          <label><input type="checkbox" checked={hideIdle} onChange={(e) => setHideIdle(e.target.checked)} /> Hide idle sessions</label>
          <label><input type="checkbox" checked={paused} onChange={(e) => setPaused(e.target.checked)} /> Pause refreshing</label>
          <button type="button" className="small" onClick={() => void load()}>Refresh</button>
          {processes && <span className="muted">{processes.length} other session{processes.length === 1 ? '' : 's'}{hideIdle && shown ? `, ${processes.length - shown.length} idle hidden` : ''}</span>}
        </div>
        {error && <p className="error-text" role="alert">{error}</p>}
        {notice && <p className="muted" role="status" data-testid="activity-notice">{notice}</p>}
        <div className="import-preview">
          <table className="structure-table" data-testid="activity-table">
            <thead><tr><th>Id</th><th>User</th><th>Database</th><th>Client</th><th>State</th><th>Running</th><th>Statement</th><th /></tr></thead>
            <tbody>
              {shown?.map((p) => (
                <tr key={p.id} data-testid="activity-row" className={p.own ? 'own-process' : undefined}>
                  <td>{p.id}{p.own ? ' (this connection)' : ''}</td>
                  <td>{p.user ?? ''}</td>
                  <td>{p.database ?? ''}</td>
                  <td>{p.client ?? ''}</td>
                  <td>{p.state ?? ''}</td>
                  <td>{duration(p.runningMs)}</td>
                  <td title={p.query ?? undefined}><code>{p.query ? firstLine(p.query) : ''}</code></td>
                  <td className="row-actions">
                    {canEndQueryOnly && p.runningMs !== null && <button type="button" className="small" aria-label={`Cancel the statement of process ${p.id}`} onClick={() => void end(p, 'query')}>Cancel</button>}
                    <button type="button" className="small" aria-label={`End process ${p.id}`} onClick={() => void end(p, 'connection')}>End session</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {shown && shown.length === 0 && <p className="empty">{hideIdle && processes && processes.length > 0 ? 'No session is running a statement.' : 'No other session is connected.'}</p>}
        <div className="actions">
          <button type="button" className="primary" onClick={onClose}>Close</button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
