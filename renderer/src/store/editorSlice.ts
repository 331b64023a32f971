import type { StateCreator } from 'zustand';
import type { KeyInfo } from '../../../shared/keys';
import { draftFromForm, type ProfileForm } from '../features/connections/profileDraft';
import { burrow } from '../ipc/client';
import type { ProfilesSlice } from './profilesSlice';

export interface EditorSlice {
  editor: { form: ProfileForm; error: string | null; saving: boolean; notices: string[] } | null;
  keys: KeyInfo[];
  openEditor(form: ProfileForm): void;
  closeEditor(): void;
  updateEditor(change: (form: ProfileForm) => ProfileForm): void;
  saveEditor(): Promise<boolean>;
  loadKeys(): Promise<void>;
}

export const createEditorSlice: StateCreator<EditorSlice & ProfilesSlice, [], [], EditorSlice> = (set, get) => ({
  editor: null,
  keys: [],
  openEditor(form) {
    set({ editor: { form, error: null, saving: false, notices: [] } });
    void get().loadKeys();
  },
  closeEditor: () => set({ editor: null }),
  updateEditor: (change) => set((state) => (state.editor ? { editor: { ...state.editor, form: change(state.editor.form) } } : {})),
  async saveEditor() {
    const editor = get().editor;
    if (!editor) return false;
    set({ editor: { ...editor, saving: true, error: null } });
    const result = await burrow().profiles.save(draftFromForm(editor.form) as Parameters<ReturnType<typeof burrow>['profiles']['save']>[0]);
    if (!result.ok) {
      set((state) => (state.editor ? { editor: { ...state.editor, saving: false, error: `${result.error.code}: ${result.error.message}` } } : {}));
      return false;
    }
    const notices = result.value.notices.map((n) => n.message);
    set({ editor: notices.length > 0 ? { form: editor.form, saving: false, error: null, notices } : null });
    await get().loadProfiles();
    return true;
  },
  async loadKeys() {
    const result = await burrow().keys.list({});
    if (result.ok) set({ keys: result.value });
  },
});
