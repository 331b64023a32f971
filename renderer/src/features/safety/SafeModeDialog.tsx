import { useState, type FormEvent } from 'react';
import { useBurrowStore } from '../../store';

const SHOWN = 5;

/** Safe mode's question before a run that may change data: Run / Cancel, or the database password. */
export function SafeModeDialog() {
  const ask = useBurrowStore((state) => state.safeModeAsk);
  const [password, setPassword] = useState('');
  if (!ask) return null;
  const answer = (go: boolean) => {
    const { answerSafeMode } = useBurrowStore.getState();
    void answerSafeMode(go ? { go: true, ...(ask.kind === 'password' ? { password } : {}) } : { go: false });
    if (!go || ask.kind === 'confirm') setPassword('');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    answer(true);
  };
  return (
    <div className="modal-backdrop">
      <form className="modal wide" role="alertdialog" aria-modal="true" aria-labelledby="safe-mode-title" data-testid="safe-mode" onSubmit={submit}
        onKeyDown={(event) => {
          if (event.key === 'Escape') answer(false);
        }}>
        <h2 id="safe-mode-title">{ask.title}</h2>
        <ol className="safe-mode-statements">
          {ask.statements.slice(0, SHOWN).map((statement, index) => (
            <li key={index}><code>{statement.length > 300 ? `${statement.slice(0, 300)}…` : statement}</code></li>
          ))}
        </ol>
        {ask.statements.length > SHOWN && <p className="muted">…and {ask.statements.length - SHOWN} more.</p>}
        {ask.kind === 'password' && (
          <label>
            Database password
            <input type="password" autoFocus value={password} onChange={(event) => setPassword(event.target.value)} autoComplete="off" />
          </label>
        )}
        {ask.error && <p className="error-text" role="alert">{ask.error}</p>}
        <div className="actions">
          <button type="button" onClick={() => answer(false)}>Cancel</button>
          <button type="submit" className="primary danger" disabled={ask.checking} autoFocus={ask.kind === 'confirm'}>{ask.checking ? 'Checking…' : 'Run'}</button>
        </div>
      </form>
    </div>
  );
}
