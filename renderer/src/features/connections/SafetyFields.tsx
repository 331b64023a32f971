import type { ReactNode } from 'react';
import type { Environment, SafeMode } from '../../../../shared/profile';
import type { FieldErrors } from './formFieldErrors';
import { passwordForWritesUnavailable, withEnvironment, type ProfileForm } from './profileDraft';

const environments: [Environment, string][] = [
  ['local', 'Local'], ['development', 'Development'], ['testing', 'Testing'], ['staging', 'Staging'], ['production', 'Production'],
];

const safeModes: [SafeMode, string][] = [
  ['silent', 'Off'],
  ['confirmAll', 'Confirm every statement'],
  ['confirmWrites', 'Confirm statements that change data'],
  ['passwordForWrites', 'Ask for the database password before changes'],
];

const safeModeHints: Record<SafeMode, string> = {
  silent: 'Statements run as soon as you run them.',
  confirmAll: 'Every run waits for your OK, listing its statements, before anything is sent.',
  confirmWrites: 'Statements that change data or schema wait for your OK; reads run at once.',
  passwordForWrites: 'Statements that change data or schema run only after you type the database password.',
};

/** The swatch's starting colour when the connection has none yet. */
const defaultSwatch = '#2f6fd6';

/** A labelled control with a hint under it (the hint stays out of the label, so the label names only the control). */
function Setting({ id, label, hint, error, children }: { id: string; label: string; hint?: ReactNode; error?: string | undefined; children: ReactNode }) {
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <small id={`${id}-hint`} className="hint">{hint}</small>}
      {error && <small className="field-error" data-testid="field-error">{error}</small>}
    </div>
  );
}

/** Environment, colour, safe mode and startup SQL of a connection. */
export function SafetyFields({ form, update, errors }: { form: ProfileForm; update: (change: (form: ProfileForm) => ProfileForm) => void; errors: FieldErrors }) {
  const passwordUnavailable = passwordForWritesUnavailable(form);
  return (
    <fieldset className="form-section" data-testid="safety-fields">
      <legend>Safety &amp; appearance</legend>
      <div className="form-grid">
        <Setting id="profile-environment" error={errors.environment} label="Environment" hint="Production turns on “Confirm statements that change data” when safe mode is Off.">
          <select id="profile-environment" aria-describedby="profile-environment-hint" value={form.environment}
            onChange={(e) => update((old) => withEnvironment(old, e.target.value as Environment))}>
            {environments.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </Setting>
        <Setting id="profile-colour" error={errors.colour} label="Colour">
          <span className="colour-choice">
            <input id="profile-colour" type="color" className={form.colour ? undefined : 'no-colour'} value={form.colour ?? defaultSwatch}
              onChange={(e) => update((old) => ({ ...old, colour: e.target.value.toLowerCase() }))} />
            <label className="inline-small">
              <input type="checkbox" checked={form.colour === null}
                onChange={(e) => update((old) => ({ ...old, colour: e.target.checked ? null : defaultSwatch }))} /> No colour
            </label>
          </span>
        </Setting>
      </div>
      <Setting id="profile-safe-mode" error={errors.safeMode} label="Safe mode" hint={safeModeHints[form.safeMode]}>
        <select id="profile-safe-mode" aria-describedby="profile-safe-mode-hint" value={form.safeMode}
          onChange={(e) => update((old) => ({ ...old, safeMode: e.target.value as SafeMode }))}>
          {safeModes.map(([value, label]) => {
            const unavailable = value === 'passwordForWrites' ? passwordUnavailable : null;
            return <option key={value} value={value} disabled={unavailable !== null} title={unavailable ?? undefined}>{label}</option>;
          })}
        </select>
      </Setting>
      {form.safeMode === 'passwordForWrites' && passwordUnavailable && (
        <p className="warning-text" data-testid="safe-mode-warning">{passwordUnavailable}: choose another safe mode.</p>
      )}
      <div className={errors.readOnly ? 'field invalid' : 'field'}>
        <label className="inline">
          <input type="checkbox" checked={form.readOnly} disabled={form.engine === 'sqlserver' && !form.readOnly}
            onChange={(e) => update((old) => ({ ...old, readOnly: e.target.checked }))} /> Read-only: the server refuses changes
        </label>
        <small className="hint">
          {form.engine === 'sqlserver'
            ? 'SQL Server has no read-only mode for a session: log in as a user with read-only rights.'
            : form.engine === 'sqlite' ? 'The file is opened read-only.' : 'Every login starts with read-only transactions (a guard against accidents, not a permission).'}
        </small>
        {errors.readOnly && <small className="field-error" data-testid="field-error">{errors.readOnly}</small>}
      </div>
      <Setting id="profile-startup-sql" error={errors.startupSql} label="Startup SQL" hint="Runs after every login, e.g. SET search_path TO app">
        <textarea id="profile-startup-sql" aria-describedby="profile-startup-sql-hint" rows={3} spellCheck={false} value={form.startupSql}
          onChange={(e) => update((old) => ({ ...old, startupSql: e.target.value }))} />
      </Setting>
    </fieldset>
  );
}
