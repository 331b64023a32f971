import { useEffect, useState } from 'react';
import { burrow } from '../../ipc/client';
import { selectApp, useBurrowStore } from '../../store';
import { keysFor, SHORTCUTS } from './shortcuts';
import { vaultRemedy } from './vaultText';
import type { ThemeChoice } from '../../app/theme';

/** Settings: colours, where saved secrets stand (and a way out of an unreadable vault), shortcuts, and what this build is. */
export function SettingsDialog({ onClose }: { onClose(): void }) {
  const app = useBurrowStore(selectApp);
  const vault = useBurrowStore((state) => state.vault);
  const themeChoice = useBurrowStore((state) => state.themeChoice);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void useBurrowStore.getState().loadVault();
  }, []);

  const reset = async (): Promise<void> => {
    if (!window.confirm('Start a new, empty vault?\n\nThe secrets in the unreadable vault stay in its file, which is kept aside; Burrow will ask for passwords again as you connect.')) return;
    const result = await burrow().vault.reset({ confirm: true });
    if (!result.ok) return setError(`${result.error.code}: ${result.error.message}`);
    await useBurrowStore.getState().loadVault();
    setError(null);
    setMessage(result.value.keptAs ? `Started a new vault. The unreadable one is kept as ${result.value.keptAs}.` : 'Started a new vault.');
  };

  const info = app.status === 'ready' ? app.info : null;
  return (
    <div className="modal-backdrop">
      <div className="modal wide" role="dialog" aria-modal="true" aria-labelledby="settings-title" data-testid="settings">
        <h2 id="settings-title">Settings</h2>
        <section aria-label="Appearance">
          <h3>Appearance</h3>
          <label className="field">
            <span>Colours</span>
            <select value={themeChoice} onChange={(event) => useBurrowStore.getState().setThemeChoice(event.target.value as ThemeChoice)}>
              <option value="system">Same as the system</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </label>
        </section>
        <section aria-label="Saved secrets">
          <h3>Saved secrets</h3>
          {vault === null && <p className="muted">Reading the vault…</p>}
          {vault && (
            <>
              <p data-testid="vault-state">{vault.state === 'ready' ? 'Ready' : `Not available: ${vault.message}`}</p>
              <p className="muted">{vaultRemedy(vault)}</p>
              {(vault.state === 'keyMismatch' || vault.state === 'corrupt') && (
                <button type="button" onClick={() => void reset()}>Start a new vault…</button>
              )}
            </>
          )}
          {message && <p className="muted" role="status">{message}</p>}
          {error && <p className="error-text" role="alert">{error}</p>}
        </section>
        <section aria-label="Keyboard shortcuts">
          <h3>Keyboard shortcuts</h3>
          <table className="shortcuts" data-testid="shortcuts">
            <tbody>
              {SHORTCUTS.map((shortcut) => (
                <tr key={`${shortcut.area}:${shortcut.keys}`}>
                  <td className="muted">{shortcut.area}</td>
                  <td><kbd>{keysFor(shortcut.keys, info?.platform ?? '')}</kbd></td>
                  <td>{shortcut.does}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {info && (
          <section aria-label="About">
            <h3>About</h3>
            <dl className="about" data-testid="about">
              <dt>Version</dt><dd>{info.name} {info.version}</dd>
              <dt>Runtime</dt><dd>{info.runtime === 'electron' ? `Electron ${info.versions.electron ?? '?'}` : 'test host'} · Node {info.versions.node} · {info.platform}</dd>
              <dt>SSH crypto</dt>
              <dd>{info.sshNativeCrypto ? 'native binding loaded' : 'JavaScript fallback: tunnels run at about 0.6× speed (rebuild ssh2 for this runtime)'}</dd>
            </dl>
          </section>
        )}
        <div className="actions">
          <button type="button" className="primary" onClick={onClose}>Close</button>
        </div>
      </div>
    </div>
  );
}
