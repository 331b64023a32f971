import { useState, type FormEvent } from 'react';
import { describeHop } from '../../../../shared/prompts';
import { selectFirstPrompt, selectPromptError, useBurrowStore } from '../../store';

/** One modal for whatever connecting asks next: host key, password, passphrase, MFA round. */
export function PromptDialog() {
  const prompt = useBurrowStore(selectFirstPrompt);
  const error = useBurrowStore(selectPromptError);
  if (!prompt) return null;
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="prompt-title" data-testid={`prompt-${prompt.request.kind}`}>
        <PromptBody key={prompt.id} id={prompt.id} />
        {error && <p className="error-text" role="alert">{error}</p>}
      </div>
    </div>
  );
}

function PromptBody({ id }: { id: string }) {
  const prompt = useBurrowStore((state) => state.prompts.find((p) => p.id === id));
  const answer = useBurrowStore((state) => state.answerPrompt);
  const [values, setValues] = useState<string[]>([]);
  if (!prompt) return null;
  const { request } = prompt;

  if (request.kind === 'hostKey') {
    return (
      <>
        <h2 id="prompt-title">Unknown host key</h2>
        <p>{describeHop(request.hop)} presented a key Burrow has not seen before.</p>
        <dl className="fingerprint">
          <dt>Type</dt>
          <dd>{request.keyType}</dd>
          <dt>Fingerprint</dt>
          <dd data-testid="host-key-fingerprint">{request.fingerprint}</dd>
        </dl>
        <p className="muted">Compare the fingerprint with the one your server administrator published before you trust it.</p>
        <div className="actions">
          <button type="button" onClick={() => void answer(id, 'reject')}>Cancel</button>
          <button type="button" onClick={() => void answer(id, 'trust-once')}>Trust once</button>
          <button type="button" className="primary" onClick={() => void answer(id, 'trust-always')}>Trust and remember</button>
        </div>
      </>
    );
  }

  const fields =
    request.kind === 'keyboardInteractive'
      ? request.prompts.map((p) => ({ label: p.prompt, echo: p.echo }))
      : [{ label: request.kind === 'passphrase' ? 'Passphrase' : 'Password', echo: false }];
  const title =
    request.kind === 'keyboardInteractive'
      ? request.name || 'Authentication'
      : request.kind === 'passphrase'
        ? 'Key passphrase'
        : request.kind === 'databasePassword'
          ? `Database password for ${request.user || 'this login'}`
          : `SSH password for ${request.username}`;
  const where = request.kind === 'databasePassword' ? request.profileName : describeHop(request.hop);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const filled = fields.map((_, index) => values[index] ?? '');
    void answer(id, request.kind === 'keyboardInteractive' ? filled : filled[0]);
  };
  return (
    <form onSubmit={submit}>
      <h2 id="prompt-title">{title}</h2>
      <p className="muted">{where}</p>
      {request.kind === 'keyboardInteractive' && request.instructions && <p>{request.instructions}</p>}
      {fields.map((field, index) => (
        <label key={index} className="field">
          <span>{field.label}</span>
          <input
            type={field.echo ? 'text' : 'password'}
            autoFocus={index === 0}
            autoComplete="off"
            value={values[index] ?? ''}
            onChange={(event) => setValues((old) => Object.assign([...old], { [index]: event.target.value }))}
          />
        </label>
      ))}
      <div className="actions">
        <button type="button" onClick={() => void answer(id, null)}>Cancel</button>
        <button type="submit" className="primary">Continue</button>
      </div>
    </form>
  );
}
