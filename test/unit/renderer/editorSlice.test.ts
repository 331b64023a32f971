import { afterEach, describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { emptyForm } from '../../../renderer/src/features/connections/profileDraft';
import { createEditorSlice, type EditorSlice } from '../../../renderer/src/store/editorSlice';
import type { ProfilesSlice } from '../../../renderer/src/store/profilesSlice';

describe('connection form test and save answers', () => {
  afterEach(() => {
    delete (globalThis as { burrow?: unknown }).burrow;
  });

  it('a Test answer that arrives after the form was closed and reopened does not land in the new form', async () => {
    let answer: (value: unknown) => void = () => {};
    (globalThis as { burrow?: unknown }).burrow = {
      keys: { list: async () => ({ ok: true, value: [] }) },
      sessions: { diagnose: () => new Promise((resolve) => { answer = resolve; }) },
    };
    const store = create<EditorSlice & ProfilesSlice>()((...args) => ({ ...createEditorSlice(...args), loadProfiles: async () => {} }) as EditorSlice & ProfilesSlice);
    store.getState().openEditor({ ...emptyForm(), name: 'first', host: 'h' });
    const testing = store.getState().testEditor();
    expect(store.getState().editor?.test.running).toBe(true);
    store.getState().closeEditor();
    store.getState().openEditor({ ...emptyForm(), name: 'second', host: 'h' });
    answer({ ok: true, value: { ok: true, hops: [], target: { host: 'h', port: 5432, stages: [] }, totalMs: 1 } });
    await testing;
    expect(store.getState().editor?.form.name).toBe('second');
    expect(store.getState().editor?.test).toEqual({ running: false, debugLog: false, report: null, error: null });
  });
});
