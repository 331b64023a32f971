import { useCallback, useEffect, useState } from 'react';
import type { KnownHost } from '../../../../shared/knownHosts';
import { burrow } from '../../ipc/client';

const hostLabel = (host: string, port: number): string => (port === 22 ? host : `[${host}]:${port}`);

/** The host keys the user told Burrow to trust, each with a "Forget" that asks first. */
export function KnownHostsPanel({ onClose }: { onClose(): void }) {
  const [hosts, setHosts] = useState<KnownHost[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async (): Promise<void> => {
    const result = await burrow().knownHosts.list({});
    if (result.ok) setHosts(result.value);
    else setError(`${result.error.code}: ${result.error.message}`);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const forget = async (entry: KnownHost): Promise<void> => {
    if (!window.confirm(`Forget the ${entry.keyType} key of ${hostLabel(entry.host, entry.port)}?\n\n${entry.fingerprint}\n\nThe next connection will show the server's key and ask again.`)) return;
    const result = await burrow().knownHosts.forget({ host: entry.host, port: entry.port, keyType: entry.keyType });
    if (!result.ok) return setError(`${result.error.code}: ${result.error.message}`);
    // The row goes in the same render as the message, so the panel never says "forgot" beside the old row.
    setHosts((current) => current?.filter((h) => !(h.host === entry.host && h.port === entry.port && h.keyType === entry.keyType)) ?? null);
    setMessage(`Forgot the ${entry.keyType} key of ${hostLabel(entry.host, entry.port)}.`);
    await load();
  };

  return (
    <div className="modal-backdrop">
      <div className="modal wide" role="dialog" aria-modal="true" aria-labelledby="hosts-title" data-testid="known-hosts-panel">
        <h2 id="hosts-title">Trusted host keys</h2>
        <p className="muted">Keys Burrow remembered when you chose “trust and remember”. Burrow also reads ~/.ssh/known_hosts, but never changes it.</p>
        {message && <p className="muted" role="status">{message}</p>}
        {hosts !== null && hosts.length === 0 && <p className="empty">No trusted host keys yet.</p>}
        {hosts !== null && hosts.length > 0 && (
          <table className="keys">
            <thead>
              <tr><th>Host</th><th>Type</th><th>Fingerprint</th><th>Added</th><th /></tr>
            </thead>
            <tbody>
              {hosts.map((entry) => (
                <tr key={`${entry.host}:${entry.port}:${entry.keyType}`} data-testid="known-host-row">
                  <td>{hostLabel(entry.host, entry.port)}</td>
                  <td>{entry.keyType}</td>
                  <td className="mono">{entry.fingerprint}</td>
                  <td>{entry.addedAt.slice(0, 10)}</td>
                  <td><button type="button" className="small" onClick={() => void forget(entry)}>Forget</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {error && <p className="error-text" role="alert">{error}</p>}
        <div className="actions">
          <button type="button" className="primary" onClick={onClose}>Close</button>
        </div>
      </div>
    </div>
  );
}
