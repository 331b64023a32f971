import type { StateCreator } from 'zustand';
import type { Diagnosis } from '../../../shared/diagnosis';
import type { KeyInfo } from '../../../shared/keys';
import { draftFromForm, formFromProfile, type ProfileForm } from '../features/connections/profileDraft';
import { errorsAfterEdit, fieldErrorsOf, fieldErrorSummary, type FieldErrors } from '../features/connections/formFieldErrors';
import type { BurrowErrorShape } from '../../../shared/errors';
import { burrow } from '../ipc/client';
import type { ProfilesSlice } from './profilesSlice';

/** The form's "Test": the last report, or the error that kept it from running (an invalid field). */
export interface EditorTest {
  running: boolean;
  debugLog: boolean;
  report: Diagnosis | null;
  error: string | null;
}

export interface EditorSlice {
  /** `opened` tells one opening of the form from the next, so a late answer lands in the form that asked. */
  editor: {
    opened: number;
    form: ProfileForm;
    error: string | null;
    /** The fields the last save or Test found wrong; editing a field clears its error. */
    fieldErrors: FieldErrors;
    /** Counts refusals with field errors, so the form can move the focus to the first one each time. */
    refusals: number;
    saving: boolean;
    notices: string[];
    test: EditorTest;
  } | null;
  keys: KeyInfo[];
  openEditor(form: ProfileForm): void;
  closeEditor(): void;
  updateEditor(change: (form: ProfileForm) => ProfileForm): void;
  saveEditor(): Promise<boolean>;
  /** Runs the form as typed stage by stage (sessions.diagnose); nothing is saved. */
  testEditor(): Promise<void>;
  setTestDebugLog(on: boolean): void;
  /** Saves a copy of the profile being edited (passwords too) and opens the copy in the form. */
  duplicateEditorProfile(): Promise<void>;
  /** Deletes the profile being edited, with its stored passwords, kept tabs and history. */
  deleteEditorProfile(): Promise<void>;
  loadKeys(): Promise<void>;
}

const idleTest: EditorTest = { running: false, debugLog: false, report: null, error: null };

type Editor = NonNullable<EditorSlice['editor']>;

/** A refused save or Test: the line that sums it up, and the fields to mark (focus moves to them when there are any). */
function refusal(error: BurrowErrorShape, editor: Editor): Pick<Editor, 'error' | 'fieldErrors' | 'refusals'> {
  const fieldErrors = fieldErrorsOf(error, editor.form.hops);
  const marked = Object.keys(fieldErrors).length > 0;
  return { error: fieldErrorSummary(error, fieldErrors), fieldErrors, refusals: editor.refusals + (marked ? 1 : 0) };
}
let openings = 0;

export const createEditorSlice: StateCreator<EditorSlice & ProfilesSlice, [], [], EditorSlice> = (set, get) => ({
  editor: null,
  keys: [],
  openEditor(form) {
    set({ editor: { opened: ++openings, form, error: null, fieldErrors: {}, refusals: 0, saving: false, notices: [], test: idleTest } });
    void get().loadKeys();
  },
  closeEditor: () => set({ editor: null }),
  updateEditor: (change) => set((state) => {
    if (!state.editor) return {};
    const form = change(state.editor.form);
    return { editor: { ...state.editor, form, fieldErrors: errorsAfterEdit(state.editor.fieldErrors, state.editor.form, form) } };
  }),
  async saveEditor() {
    const editor = get().editor;
    if (!editor) return false;
    set({ editor: { ...editor, saving: true, error: null } });
    const result = await burrow().profiles.save(draftFromForm(editor.form) as Parameters<ReturnType<typeof burrow>['profiles']['save']>[0]);
    const same = (state: EditorSlice): boolean => state.editor?.opened === editor.opened;
    if (!result.ok) {
      set((state) => (same(state) ? { editor: { ...state.editor!, saving: false, ...refusal(result.error, state.editor!) } } : {}));
      return false;
    }
    const notices = result.value.notices.map((n) => n.message);
    if (same(get())) set({ editor: notices.length > 0 ? { ...editor, saving: false, error: null, notices } : null });
    await get().loadProfiles();
    return true;
  },
  async testEditor() {
    const editor = get().editor;
    if (!editor || editor.test.running) return;
    const setTest = (test: Partial<EditorTest>) =>
      set((state) => (state.editor?.opened === editor.opened ? { editor: { ...state.editor, test: { ...state.editor.test, ...test } } } : {}));
    setTest({ running: true, report: null, error: null });
    const draft = draftFromForm(editor.form) as Parameters<ReturnType<typeof burrow>['sessions']['diagnose']>[0]['draft'];
    const result = await burrow().sessions.diagnose({ draft, debugLog: editor.test.debugLog });
    if (result.ok) {
      setTest({ running: false, report: result.value });
      return;
    }
    const { error } = result;
    set((state) => {
      if (state.editor?.opened !== editor.opened) return {};
      const { error: summary, ...marks } = refusal(error, state.editor);
      return { editor: { ...state.editor, ...marks, test: { ...state.editor.test, running: false, error: summary } } };
    });
  },
  setTestDebugLog(on) {
    set((state) => (state.editor ? { editor: { ...state.editor, test: { ...state.editor.test, debugLog: on } } } : {}));
  },
  async duplicateEditorProfile() {
    const id = get().editor?.form.id;
    if (!id) return;
    const result = await burrow().profiles.duplicate({ id });
    if (!result.ok) {
      set((state) => (state.editor ? { editor: { ...state.editor, error: `${result.error.code}: ${result.error.message}` } } : {}));
      return;
    }
    get().openEditor(formFromProfile(result.value.profile));
    await get().loadProfiles();
  },
  async deleteEditorProfile() {
    const editor = get().editor;
    const id = editor?.form.id;
    if (!editor || !id) return;
    const result = await burrow().profiles.delete({ id });
    if (!result.ok) {
      set((state) => (state.editor?.opened === editor.opened ? { editor: { ...state.editor, error: `${result.error.code}: ${result.error.message}` } } : {}));
      return;
    }
    if (get().editor?.opened === editor.opened) set({ editor: null });
    await get().loadProfiles();
  },
  async loadKeys() {
    const result = await burrow().keys.list({});
    if (result.ok) set({ keys: result.value });
  },
});
