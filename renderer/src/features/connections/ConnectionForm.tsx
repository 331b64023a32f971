import { cloneElement, isValidElement, useEffect, useRef, type ChangeEvent, type FormEvent, type ReactElement, type ReactNode } from 'react';
import type { FilePurpose } from '../../../../shared/contract';
import { burrow } from '../../ipc/client';
import { selectApp, selectEditor, selectKeys, useBurrowStore } from '../../store';
import { DiagnosisPanel } from './DiagnosisPanel';
import { emptyHop, type HopForm, type ProfileForm } from './profileDraft';
import { SafetyFields } from './SafetyFields';
import { deleteQuestion } from './profileMenu';

const engines = [['postgres', 'PostgreSQL'], ['mysql', 'MySQL'], ['mariadb', 'MariaDB'], ['sqlserver', 'SQL Server'], ['sqlite', 'SQLite']] as const;
const tlsModes = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
const authMethods = [
  ['publickey', 'Private key'],
  ['publickey+keyboard-interactive', 'Private key, then MFA'],
  ['password', 'Password'],
  ['agent', 'SSH agent'],
  ['keyboard-interactive', 'Keyboard-interactive (MFA)'],
] as const;

/** A labelled control, and under it (outside the label, so the label names only the control) what the core found wrong with it. */
function Field({ label, error, children }: { label: string; error?: string | undefined; children: ReactNode }) {
  const control = error && isValidElement(children) && (children.type === 'input' || children.type === 'select')
    ? cloneElement(children as ReactElement<{ 'aria-invalid'?: boolean }>, { 'aria-invalid': true })
    : children;
  return (
    <div className={error ? 'field-cell invalid' : 'field-cell'}>
      <label className="field">
        <span>{label}</span>
        {control}
      </label>
      {error && <small className="field-error" data-testid="field-error">{error}</small>}
    </div>
  );
}

const hopParts = [['host', 'host'], ['port', 'port'], ['username', 'username'], ['auth', 'authentication']] as const;

/** New / edit connection: database, TLS and any number of SSH hops. Validation comes from the core. */
export function ConnectionForm() {
  const editor = useBurrowStore(selectEditor);
  const keys = useBurrowStore(selectKeys);
  const app = useBurrowStore(selectApp);
  const agentPresets = app.status === 'ready' ? app.info.agentPresets : [];
  const { updateEditor, saveEditor, closeEditor, testEditor, setTestDebugLog } = useBurrowStore.getState();
  const formRef = useRef<HTMLFormElement>(null);
  const refusals = editor?.refusals ?? 0;
  // Each refusal that marks fields takes the user to the first of them.
  useEffect(() => {
    if (refusals > 0) formRef.current?.querySelector<HTMLElement>('.invalid input, .invalid select, .invalid textarea, [aria-invalid="true"]')?.focus();
  }, [refusals]);
  if (!editor) return null;
  const errors = editor.fieldErrors;
  const hopError = (index: number, part: string): string | undefined => errors[`hop:${index}:${part}`];
  const { form } = editor;
  const set = <K extends keyof ProfileForm>(key: K) => (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    updateEditor((old) => ({ ...old, [key]: event.target.value }));
  const setHop = (index: number, change: Partial<HopForm>) =>
    updateEditor((old) => ({ ...old, hops: old.hops.map((hop, i) => (i === index ? { ...hop, ...change } : hop)) }));
  const pick = async (purpose: FilePurpose, apply: (path: string) => void) => {
    const result = await burrow().dialogs.pickFile({ purpose });
    if (result.ok && result.value.path) apply(result.value.path);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void saveEditor();
  };
  const isSqlite = form.engine === 'sqlite';

  return (
    <div className="modal-backdrop">
      <form ref={formRef} className="modal wide" role="dialog" aria-modal="true" aria-labelledby="connection-title" onSubmit={submit} data-testid="connection-form">
        <h2 id="connection-title">{form.id ? 'Edit connection' : 'New connection'}</h2>
        <div className="form-grid">
          <Field label="Name" error={errors.name}><input value={form.name} onChange={set('name')} autoFocus /></Field>
          <Field label="Group (a / b)" error={errors.group}><input value={form.group} onChange={set('group')} /></Field>
          <Field label="Engine" error={errors.engine}>
            <select value={form.engine} onChange={set('engine')}>
              {engines.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
            </select>
          </Field>
          {isSqlite ? (
            <Field label="Database file" error={errors.database}>
              <span className="with-button">
                <input value={form.database} onChange={set('database')} />
                <button type="button" onClick={() => void pick('sqliteDatabase', (path) => updateEditor((old) => ({ ...old, database: path })))}>Browse…</button>
              </span>
            </Field>
          ) : (
            <>
              <Field label="Host (as the last hop sees it)" error={errors.host}><input value={form.host} onChange={set('host')} /></Field>
              <Field label="Port" error={errors.port}><input value={form.port} onChange={set('port')} placeholder="default" inputMode="numeric" /></Field>
              <Field label="Database" error={errors.database}><input value={form.database} onChange={set('database')} /></Field>
              <Field label="User" error={errors.user}><input value={form.user} onChange={set('user')} /></Field>
              <Field label="Password" error={errors.password}>
                <input type="password" value={form.password} onChange={set('password')} placeholder={form.id ? 'unchanged' : ''} autoComplete="new-password" />
              </Field>
              <Field label="Password storage" error={errors.passwordPolicy}>
                <select value={form.passwordPolicy} onChange={set('passwordPolicy')}>
                  <option value="keychain">Keychain</option>
                  <option value="ask">Ask every time</option>
                  <option value="none">No password</option>
                </select>
              </Field>
              <Field label="TLS" error={errors.tlsMode}>
                <select value={form.tlsMode} onChange={set('tlsMode')}>
                  {tlsModes.map((mode) => <option key={mode} value={mode}>{mode}</option>)}
                </select>
              </Field>
              <Field label="CA certificate (PEM)" error={errors.caPath}>
                <span className="with-button">
                  <input value={form.caPath} onChange={set('caPath')} />
                  <button type="button" onClick={() => void pick('caCertificate', (path) => updateEditor((old) => ({ ...old, caPath: path })))}>Browse…</button>
                </span>
              </Field>
              <Field label="TLS server name" error={errors.serverName}><input value={form.serverName} onChange={set('serverName')} placeholder="host" /></Field>
              <Field label="Client certificate (PEM)" error={errors.clientCertPath}>
                <span className="with-button">
                  <input value={form.clientCertPath} onChange={set('clientCertPath')} />
                  <button type="button" onClick={() => void pick('clientCertificate', (path) => updateEditor((old) => ({ ...old, clientCertPath: path })))}>Browse…</button>
                </span>
              </Field>
              <Field label="Client key (PEM)" error={errors.clientKeyPath}>
                <span className="with-button">
                  <input value={form.clientKeyPath} onChange={set('clientKeyPath')} />
                  <button type="button" onClick={() => void pick('clientKey', (path) => updateEditor((old) => ({ ...old, clientKeyPath: path })))}>Browse…</button>
                </span>
              </Field>
            </>
          )}
          <Field label="Default row limit" error={errors.defaultRowLimit}><input value={form.defaultRowLimit} onChange={set('defaultRowLimit')} inputMode="numeric" /></Field>
        </div>

        {!isSqlite && (
          <fieldset className="hops">
            <legend>SSH route ({form.hops.length === 0 ? 'direct connection' : `${form.hops.length} hop${form.hops.length > 1 ? 's' : ''}`})</legend>
            {form.hops.map((hop, index) => (
              <div key={hop.id} className="hop" data-testid="hop">
                <span className="hop-number">{index + 1}</span>
                <input aria-label={`Hop ${index + 1} host`} aria-invalid={hopError(index, 'host') ? true : undefined} placeholder="host" value={hop.host} onChange={(e) => setHop(index, { host: e.target.value })} />
                <input aria-label={`Hop ${index + 1} port`} aria-invalid={hopError(index, 'port') ? true : undefined} className="port" value={hop.port} onChange={(e) => setHop(index, { port: e.target.value })} />
                <input aria-label={`Hop ${index + 1} username`} aria-invalid={hopError(index, 'username') ? true : undefined} placeholder="user or user%bastion%target" value={hop.username} onChange={(e) => setHop(index, { username: e.target.value })} />
                <select aria-label={`Hop ${index + 1} auth`} aria-invalid={hopError(index, 'auth') ? true : undefined} value={hop.method} onChange={(e) => setHop(index, { method: e.target.value as HopForm['method'] })}>
                  {authMethods.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
                </select>
                {(hop.method === 'publickey' || hop.method === 'publickey+keyboard-interactive' || hop.method === 'agent') && (
                  <select aria-label={`Hop ${index + 1} key`} value={hop.keyId} onChange={(e) => setHop(index, { keyId: e.target.value })}>
                    <option value="">{hop.method === 'agent' ? 'any agent key' : 'choose a key'}</option>
                    {keys.map((key) => <option key={key.id} value={key.id}>{key.name} ({key.type} {key.fingerprint.slice(0, 19)}…)</option>)}
                  </select>
                )}
                {hop.method === 'agent' && (
                  <input aria-label={`Hop ${index + 1} agent socket`} list="agent-presets" placeholder="agent socket ($SSH_AUTH_SOCK)" value={hop.agentSocket} onChange={(e) => setHop(index, { agentSocket: e.target.value })} />
                )}
                {hop.method === 'password' && (
                  <input aria-label={`Hop ${index + 1} password`} type="password" placeholder="password (optional)" value={hop.password} onChange={(e) => setHop(index, { password: e.target.value })} />
                )}
                <label className="inline-small" title="Keep this hop's SSH protocol log (redacted) for the session's SSH log">
                  <input type="checkbox" aria-label={`Hop ${index + 1} debug log`} checked={hop.debugLog} onChange={(e) => setHop(index, { debugLog: e.target.checked })} /> log
                </label>
                <button type="button" aria-label={`Remove hop ${index + 1}`} onClick={() => updateEditor((old) => ({ ...old, hops: old.hops.filter((_, i) => i !== index) }))}>×</button>
                {hopParts.map(([part, name]) => hopError(index, part) && (
                  <small key={part} className="field-error hop-error" data-testid="field-error">Hop {index + 1} {name}: {hopError(index, part)}</small>
                ))}
              </div>
            ))}
            {errors.hops && <small className="field-error" data-testid="field-error">{errors.hops}</small>}
            <button type="button" onClick={() => updateEditor((old) => ({ ...old, hops: [...old.hops, emptyHop()] }))}>Add SSH hop</button>
            {form.hops.length > 0 && (
              <div className="form-grid">
                <Field label="Keepalive every (s)" error={errors.keepaliveSeconds}><input value={form.keepaliveSeconds} onChange={set('keepaliveSeconds')} inputMode="numeric" /></Field>
                <Field label="Drop after missed keepalives" error={errors.keepaliveCount}><input value={form.keepaliveCount} onChange={set('keepaliveCount')} inputMode="numeric" /></Field>
                <Field label="Connect timeout per hop (s)" error={errors.connectTimeoutSeconds}><input value={form.connectTimeoutSeconds} onChange={set('connectTimeoutSeconds')} inputMode="numeric" /></Field>
              </div>
            )}
            <datalist id="agent-presets">
              {agentPresets.map((preset) => <option key={preset.name} value={preset.socket}>{preset.name}</option>)}
            </datalist>
          </fieldset>
        )}

        <SafetyFields form={form} update={updateEditor} errors={errors} />

        <DiagnosisPanel test={editor.test} />
        {editor.error && <p className="error-text" role="alert" data-testid="form-error">{editor.error}</p>}
        {editor.notices.map((notice) => <p key={notice} className="muted" role="status">{notice}</p>)}
        <div className="actions">
          <label className="inline">
            <input type="checkbox" checked={editor.test.debugLog} onChange={(e) => setTestDebugLog(e.target.checked)} /> SSH debug log
          </label>
          {editor.form.id && (
            <>
              <button type="button" className="danger" onClick={() => {
                if (window.confirm(deleteQuestion(editor.form.name))) {
                  void useBurrowStore.getState().deleteEditorProfile();
                }
              }}>Delete…</button>
              <button type="button" onClick={() => void useBurrowStore.getState().duplicateEditorProfile()}>Duplicate</button>
            </>
          )}
          <button type="button" onClick={() => void testEditor()} disabled={editor.test.running}>Test</button>
          <button type="button" onClick={closeEditor}>{editor.notices.length > 0 ? 'Close' : 'Cancel'}</button>
          <button type="submit" className="primary" disabled={editor.saving}>Save</button>
        </div>
      </form>
    </div>
  );
}
