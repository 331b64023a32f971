import { useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { burrow } from '../../ipc/client';
import { useBurrowStore } from '../../store';
import type { QueryTab } from '../../store/workspaceSlice';

/** A name for the tab's SQL when it is first saved: the first line of SQL, else the tab's title. */
const suggestedName = (tab: QueryTab): string => {
  const line = tab.sql.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('--')) ?? tab.title;
  return line.length > 60 ? `${line.slice(0, 60)}…` : line;
};

/** Saves the tab's SQL under a name, for this connection or every connection, and ties the tab to it. */
export function SaveQueryDialog({ tab, profileId, profileName, note, onSaved, onClose }: {
  tab: QueryTab;
  profileId: string;
  profileName: string;
  note: string | null;
  onSaved(text: string): void;
  onClose(): void;
}) {
  const [name, setName] = useState(() => suggestedName(tab));
  const [everywhere, setEverywhere] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setSaving(true);
    const result = await burrow().savedQueries.save({ name, sql: tab.sql, profileId: everywhere ? null : profileId });
    setSaving(false);
    if (!result.ok) {
      setError(`${result.error.code}: ${result.error.message}`);
      return;
    }
    useBurrowStore.getState().linkSavedQuery(tab.id, { id: result.value.id, name: result.value.name });
    onSaved(`Saved “${result.value.name}”.`);
  };
  return createPortal(
    <div className="modal-backdrop">
      <form className="modal" role="dialog" aria-modal="true" aria-labelledby="save-query-title" data-testid="save-query" onSubmit={(event) => void submit(event)}>
        <h2 id="save-query-title">Save query</h2>
        {note && <p className="muted">{note}</p>}
        <label className="field">
          <span>Name</span>
          <input value={name} onChange={(event) => setName(event.target.value)} autoFocus />
        </label>
        <fieldset className="choices">
          <legend>Available on</legend>
          <label className="inline"><input type="radio" name="scope" checked={!everywhere} onChange={() => setEverywhere(false)} /> {profileName} only</label>
          <label className="inline"><input type="radio" name="scope" checked={everywhere} onChange={() => setEverywhere(true)} /> Every connection</label>
        </fieldset>
        {error && <p className="error-text" role="alert" data-testid="save-query-error">{error}</p>}
        <div className="actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={saving}>{saving ? 'Saving…' : 'Save'}</button>
        </div>
      </form>
    </div>,
    document.body,
  );
}
