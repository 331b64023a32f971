import { useState, type FormEvent } from 'react';
import type { ParsedUrl, SshConfigHost, SshConfigImportResult } from '../../../../shared/imports';
import { burrow } from '../../ipc/client';
import { useBurrowStore } from '../../store';
import { formFromUrl, formWithRoute } from './profileDraft';
import { ImportBundle } from './ImportBundle';

type Mode = 'url' | 'sshConfig' | 'file';

/** New connections from a connection URL, a host of ~/.ssh/config (its ProxyJump chain as hops), or a connections file. */
export function ImportPanel({ onClose }: { onClose(): void }) {
  const [mode, setMode] = useState<Mode>('sshConfig');
  return (
    <div className="modal-backdrop">
      <div className="modal wide" role="dialog" aria-modal="true" aria-labelledby="import-title" data-testid="import-panel">
        <h2 id="import-title">Import a connection</h2>
        <nav className="result-tabs">
          <button type="button" aria-pressed={mode === 'sshConfig'} onClick={() => setMode('sshConfig')}>From SSH config</button>
          <button type="button" aria-pressed={mode === 'url'} onClick={() => setMode('url')}>From URL</button>
          <button type="button" aria-pressed={mode === 'file'} onClick={() => setMode('file')}>Connections file</button>
        </nav>
        {mode === 'url' ? <FromUrl onDone={onClose} /> : mode === 'file' ? <ImportBundle onDone={onClose} /> : <FromSshConfig onDone={onClose} />}
        <div className="actions">
          <button type="button" onClick={onClose}>Close</button>
        </div>
      </div>
    </div>
  );
}

function FromUrl({ onDone }: { onDone(): void }) {
  const [url, setUrl] = useState('');
  const [parsed, setParsed] = useState<ParsedUrl | null>(null);
  const [error, setError] = useState<string | null>(null);
  const parse = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await burrow().imports.parseUrl({ url });
    if (result.ok) {
      setParsed(result.value);
      setError(null);
    } else {
      setParsed(null);
      setError(`${result.error.code}: ${result.error.message}`);
    }
  };
  const save = async (): Promise<void> => {
    const result = await burrow().imports.saveUrl({ url });
    if (!result.ok) return setError(`${result.error.code}: ${result.error.message}`);
    await useBurrowStore.getState().loadProfiles();
    onDone();
  };
  const edit = (): void => {
    if (!parsed) return;
    useBurrowStore.getState().openEditor(formFromUrl(parsed.draft));
    onDone();
  };
  return (
    <form onSubmit={(e) => void parse(e)} data-testid="import-url">
      <label className="field">
        <span>Connection URL</span>
        <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="postgres://user@db.internal:5432/app?sslmode=verify-full" autoComplete="off" />
      </label>
      <div className="actions">
        <button type="submit">Read URL</button>
      </div>
      {parsed && (
        <div data-testid="parsed-url">
          <p>
            {parsed.draft.engine} · {parsed.draft.user ? `${parsed.draft.user}@` : ''}{parsed.draft.host}{parsed.draft.port ? `:${parsed.draft.port}` : ''}
            {parsed.draft.database ? `/${parsed.draft.database}` : ''} · TLS {parsed.draft.tls.mode}
            {parsed.passwordInUrl ? ' · password in the URL (saved to the keychain, never shown)' : ''}
          </p>
          {[...parsed.warnings, ...parsed.ignoredParameters.map((p) => `ignored parameter: ${p}`)].map((text) => <p key={text} className="muted">{text}</p>)}
          <div className="actions">
            <button type="button" onClick={edit}>Edit before saving…</button>
            <button type="button" className="primary" onClick={() => void save()}>Save connection</button>
          </div>
        </div>
      )}
      {error && <p className="error-text" role="alert">{error}</p>}
    </form>
  );
}

function FromSshConfig({ onDone }: { onDone(): void }) {
  const [path, setPath] = useState('');
  const [result, setResult] = useState<SshConfigImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const load = async (event?: FormEvent): Promise<void> => {
    event?.preventDefault();
    const read = await burrow().imports.sshConfig(path.trim() ? { path: path.trim() } : {});
    if (read.ok) {
      setResult(read.value);
      setError(null);
    } else {
      setResult(null);
      setError(`${read.error.code}: ${read.error.message}`);
    }
  };
  const importKey = async (file: string): Promise<void> => {
    const imported = await burrow().keys.import({ source: { kind: 'path', path: file } });
    if (!imported.ok) return setError(`${imported.error.code}: ${imported.error.message}`);
    await useBurrowStore.getState().loadKeys();
    await load();
    // Said after the re-read, so the list no longer offers the key being reported as imported.
    setMessage(`Imported ${imported.value.name} (${imported.value.fingerprint}).`);
  };
  const use = (host: SshConfigHost): void => {
    if (!host.route) return;
    useBurrowStore.getState().openEditor(formWithRoute(host.route, host.alias));
    onDone();
  };
  return (
    <div data-testid="import-ssh-config">
      <form onSubmit={(e) => void load(e)} className="with-button">
        <input aria-label="SSH config file" value={path} onChange={(e) => setPath(e.target.value)} placeholder="~/.ssh/config" />
        <button type="submit">Read</button>
      </form>
      {message && <p className="muted" role="status">{message}</p>}
      {error && <p className="error-text" role="alert">{error}</p>}
      {result && result.hosts.length === 0 && <p className="empty">No Host entries in {result.files.join(', ')}.</p>}
      {result && result.hosts.length > 0 && (
        <ul className="ssh-hosts">
          {result.hosts.map((host) => (
            <li key={host.alias} data-testid="ssh-host">
              <strong>{host.alias}</strong>{' '}
              <span className="muted">
                {host.user}@{host.hostName}:{host.port}
                {host.route && host.route.hops.length > 1 ? ` via ${host.route.hops.slice(0, -1).map((h) => h.name ?? h.host).join(' → ')}` : ''}
              </span>{' '}
              <button type="button" className="small" disabled={!host.route} onClick={() => use(host)}>Use as SSH route…</button>
              {host.error && <div className="error-text">{host.error}</div>}
              {host.identityFiles.filter((identity) => identity.importable).map((identity) => (
                <div key={identity.path} className="muted">
                  key {identity.path} is not in Burrow yet{' '}
                  <button type="button" className="small" onClick={() => void importKey(identity.path)}>Import key</button>
                </div>
              ))}
              {host.unhonoured.map((line) => <div key={`${line.file}:${line.line}`} className="muted">not applied: {line.keyword} {line.value} ({line.file}:{line.line})</div>)}
            </li>
          ))}
        </ul>
      )}
      {result && result.skippedMatchLines.length > 0 && (
        <p className="muted">Skipped Match blocks (their <code>exec</code> or criteria can't be evaluated without running commands): {result.skippedMatchLines.map((l) => `${l.file}:${l.line}`).join(', ')}</p>
      )}
    </div>
  );
}
