import { useState } from 'react';
import type { BundlePreview } from '../../../../shared/imports';
import { burrow } from '../../ipc/client';
import { useBurrowStore } from '../../store';

type Policy = 'keepBoth' | 'replace';

/**
 * Connections from a file another Burrow exported (no secrets in it): preview what it holds and
 * what it would replace, then import; and the way out, all connections to a file.
 */
export function ImportBundle({ onDone }: { onDone(): void }) {
  const [opened, setOpened] = useState<{ path: string; json: string; preview: BundlePreview } | null>(null);
  const [policy, setPolicy] = useState<Policy>('keepBoth');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = (result: { error: { code: string; message: string } }): void => setError(`${result.error.code}: ${result.error.message}`);

  const open = async (): Promise<void> => {
    setError(null);
    setStatus(null);
    const file = await burrow().imports.openBundleFile({});
    if (!file.ok) return fail(file);
    if (file.value.path === null || file.value.json === null) return;
    const preview = await burrow().imports.previewBundle({ json: file.value.json });
    if (!preview.ok) {
      setOpened(null);
      return fail(preview);
    }
    setOpened({ path: file.value.path, json: file.value.json, preview: preview.value });
  };
  const importAll = async (): Promise<void> => {
    if (!opened) return;
    const result = await burrow().imports.importBundle({ json: opened.json, onConflict: policy });
    if (!result.ok) return fail(result);
    await useBurrowStore.getState().loadProfiles();
    const { added, replaced, renamed, missingKeys } = result.value;
    const keys = missingKeys.length > 0 ? ` Import these keys to use them: ${missingKeys.map((k) => `${k.name} (${k.fingerprint})`).join(', ')}.` : '';
    setStatus(`Imported: ${added} added, ${replaced} replaced, ${renamed} renamed.${keys}`);
    setOpened(null);
  };
  const exportAll = async (): Promise<void> => {
    setError(null);
    const saved = await burrow().imports.saveBundleFile({});
    if (!saved.ok) return fail(saved);
    if (saved.value.path) setStatus(`Exported ${saved.value.count} connection${saved.value.count === 1 ? '' : 's'} to ${saved.value.path} (no passwords or keys in it).`);
  };
  const conflicts = opened?.preview.profiles.filter((p) => p.conflictsWith !== null).length ?? 0;

  return (
    <div data-testid="import-bundle">
      <p className="muted">A connections file holds hosts, users, SSH routes and settings, never passwords or keys.</p>
      <div className="actions">
        <button type="button" onClick={() => void exportAll()}>Export all connections…</button>
        <button type="button" className="primary" onClick={() => void open()}>Open a connections file…</button>
      </div>
      {opened && (
        <div data-testid="bundle-preview">
          <p>{opened.path}: {opened.preview.profiles.length} connection{opened.preview.profiles.length === 1 ? '' : 's'}</p>
          <ul className="ssh-hosts">
            {opened.preview.profiles.map((profile) => (
              <li key={profile.id} data-testid="bundle-profile">
                <strong>{profile.name}</strong>
                {profile.conflictsWith !== null && <span className="muted"> · already here as “{profile.conflictsWith}”</span>}
              </li>
            ))}
          </ul>
          {opened.preview.missingKeys.length > 0 && (
            <p className="warning-text">Keys these connections use are not in Burrow: {opened.preview.missingKeys.map((k) => `${k.name} (${k.fingerprint})`).join(', ')}.</p>
          )}
          {conflicts > 0 && (
            <label className="field">
              <span>{conflicts} already here</span>
              <select value={policy} onChange={(event) => setPolicy(event.target.value as Policy)}>
                <option value="keepBoth">Keep both (the imported ones renamed)</option>
                <option value="replace">Replace the ones here</option>
              </select>
            </label>
          )}
          <div className="actions">
            <button type="button" className="primary" onClick={() => void importAll()}>Import {opened.preview.profiles.length}</button>
          </div>
        </div>
      )}
      {status && (
        <p className="muted" role="status" data-testid="bundle-status">
          {status} <button type="button" className="small" onClick={onDone}>Done</button>
        </p>
      )}
      {error && <p className="error-text" role="alert">{error}</p>}
    </div>
  );
}
