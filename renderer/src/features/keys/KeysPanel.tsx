import { useEffect, useState, type FormEvent } from 'react';
import type { KeyInfo } from '../../../../shared/keys';
import { burrow } from '../../ipc/client';
import { selectKeys, useBurrowStore } from '../../store';

type Mode = 'list' | 'import' | 'generate';

/** SSH keys: list with fingerprints, import (file or paste), generate, copy public key, delete. */
export function KeysPanel({ onClose }: { onClose(): void }) {
  const keys = useBurrowStore(selectKeys);
  const loadKeys = useBurrowStore((state) => state.loadKeys);
  const [mode, setMode] = useState<Mode>('list');
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    void loadKeys();
  }, [loadKeys]);

  const done = async (text: string): Promise<void> => {
    await loadKeys();
    setMode('list');
    setMessage(text);
  };

  return (
    <div className="modal-backdrop">
      <div className="modal wide" role="dialog" aria-modal="true" aria-labelledby="keys-title" data-testid="keys-panel">
        <h2 id="keys-title">SSH keys</h2>
        {message && <p className="muted" role="status">{message}</p>}
        {mode === 'list' && <KeyList keys={keys} onChanged={(text) => void done(text)} />}
        {mode === 'import' && <ImportKey onDone={(text) => void done(text)} onCancel={() => setMode('list')} />}
        {mode === 'generate' && <GenerateKey onDone={(text) => void done(text)} onCancel={() => setMode('list')} />}
        {mode === 'list' && (
          <div className="actions">
            <button type="button" onClick={() => setMode('import')}>Import…</button>
            <button type="button" onClick={() => setMode('generate')}>Generate…</button>
            <button type="button" className="primary" onClick={onClose}>Close</button>
          </div>
        )}
      </div>
    </div>
  );
}

function KeyList({ keys, onChanged }: { keys: KeyInfo[]; onChanged(text: string): void }) {
  const [error, setError] = useState<string | null>(null);
  if (keys.length === 0) return <p className="empty">No keys yet. Import one you already use, or generate a new one.</p>;
  const remove = async (key: KeyInfo, confirm: boolean): Promise<void> => {
    const result = await burrow().keys.delete({ id: key.id, confirm });
    if (result.ok) return onChanged(`Deleted ${key.name}.`);
    if (result.error.code === 'KEY_IN_USE' && window.confirm(`${result.error.message}\n\nDelete it anyway?`)) return remove(key, true);
    setError(result.error.message);
  };
  return (
    <>
      <table className="keys">
        <thead>
          <tr><th>Name</th><th>Type</th><th>Fingerprint</th><th /></tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id} data-testid="key-row">
              <td>{key.name}{key.hasPassphrase ? ' 🔒' : ''}</td>
              <td>{key.type} {key.bits}</td>
              <td className="mono">{key.fingerprint}</td>
              <td>
                <button type="button" className="small" onClick={() => void navigator.clipboard.writeText(key.publicKey).then(() => onChanged(`Copied the public key of ${key.name}.`), () => setError('the clipboard is not available'))}>Copy public key</button>
                <button type="button" className="small" onClick={() => void remove(key, false)}>Delete</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && <p className="error-text" role="alert">{error}</p>}
    </>
  );
}

function ImportKey({ onDone, onCancel }: { onDone(text: string): void; onCancel(): void }) {
  const [path, setPath] = useState('');
  const [text, setText] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const browse = async (): Promise<void> => {
    const result = await burrow().dialogs.pickFile({ purpose: 'privateKey' });
    if (result.ok && result.value.path) setPath(result.value.path);
  };
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const source = path ? { kind: 'path' as const, path } : { kind: 'text' as const, text };
    const result = await burrow().keys.import({ source, ...(passphrase ? { passphrase, rememberPassphrase: remember } : {}) });
    if (result.ok) onDone(`Imported ${result.value.name} (${result.value.fingerprint}).`);
    else setError(`${result.error.code}: ${result.error.message}`);
  };
  return (
    <form onSubmit={(e) => void submit(e)} data-testid="import-key">
      <label className="field">
        <span>Key file</span>
        <span className="with-button">
          <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="~/.ssh/id_ed25519" />
          <button type="button" onClick={() => void browse()}>Browse…</button>
        </span>
      </label>
      <label className="field">
        <span>…or paste the private key</span>
        <textarea rows={5} value={text} onChange={(e) => setText(e.target.value)} disabled={path !== ''} spellCheck={false} />
      </label>
      <label className="field"><span>Passphrase (if the key has one)</span><input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} /></label>
      <label className="check"><input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> Remember the passphrase in the keychain</label>
      {error && <p className="error-text" role="alert" data-testid="import-error">{error}</p>}
      <div className="actions">
        <button type="button" onClick={onCancel}>Back</button>
        <button type="submit" className="primary">Import</button>
      </div>
    </form>
  );
}

function GenerateKey({ onDone, onCancel }: { onDone(text: string): void; onCancel(): void }) {
  const [name, setName] = useState('');
  const [type, setType] = useState<'ed25519' | 'ecdsa' | 'rsa'>('ed25519');
  const [bits, setBits] = useState('');
  const [comment, setComment] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await burrow().keys.generate({
      name, type, comment,
      ...(bits ? { bits: Number(bits) } : {}),
      ...(passphrase ? { passphrase } : {}),
    });
    if (result.ok) onDone(`Generated ${result.value.name}. Copy its public key to the server's authorized_keys.`);
    else setError(`${result.error.code}: ${result.error.message}`);
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
      <label className="field"><span>Name</span><input value={name} onChange={(e) => setName(e.target.value)} /></label>
      <label className="field">
        <span>Type</span>
        <select value={type} onChange={(e) => { setType(e.target.value as typeof type); setBits(''); }}>
          <option value="ed25519">ed25519 (recommended)</option>
          <option value="ecdsa">ecdsa</option>
          <option value="rsa">rsa</option>
        </select>
      </label>
      {type !== 'ed25519' && (
        <label className="field">
          <span>Bits</span>
          <select value={bits} onChange={(e) => setBits(e.target.value)}>
            <option value="">default</option>
            {(type === 'ecdsa' ? ['256', '384', '521'] : ['3072', '4096']).map((b) => <option key={b} value={b}>{b}</option>)}
          </select>
        </label>
      )}
      <label className="field"><span>Comment</span><input value={comment} onChange={(e) => setComment(e.target.value)} /></label>
      <label className="field"><span>Passphrase (optional)</span><input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} /></label>
      {error && <p className="error-text" role="alert">{error}</p>}
      <div className="actions">
        <button type="button" onClick={onCancel}>Back</button>
        <button type="submit" className="primary">Generate</button>
      </div>
    </form>
  );
}
