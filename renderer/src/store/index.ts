import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './appSlice';
import { createEditorSlice, type EditorSlice } from './editorSlice';
import { createResultEditSlice, type ResultEditSlice } from './resultEditSlice';
import { createProfilesSlice, type ProfilesSlice } from './profilesSlice';
import { createPromptsSlice, type PromptsSlice } from './promptsSlice';
import { createSafetySlice, type SafetySlice } from './safetySlice';
import { createSchemaSlice, type SchemaSlice } from './schemaSlice';
import { createSessionsSlice, type SessionsSlice } from './sessionsSlice';
import { createTableEditSlice, type TableEditSlice } from './tableEditSlice';
import { createFileExportSlice, type FileExportSlice } from './fileExportSlice';
import { createImportSlice, type ImportSlice } from './importSlice';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspaceSlice';

export type BurrowState = AppSlice & ProfilesSlice & SessionsSlice & PromptsSlice & WorkspaceSlice & EditorSlice & SchemaSlice & TableEditSlice & SafetySlice & ResultEditSlice & FileExportSlice & ImportSlice;

/** One store built from slices; components read it through the selectors below. */
export const useBurrowStore = create<BurrowState>()((...args) => ({
  ...createAppSlice(...args),
  ...createProfilesSlice(...args),
  ...createSessionsSlice(...args),
  ...createPromptsSlice(...args),
  ...createWorkspaceSlice(...args),
  ...createEditorSlice(...args),
  ...createSchemaSlice(...args),
  ...createTableEditSlice(...args),
  ...createSafetySlice(...args),
  ...createResultEditSlice(...args),
  ...createFileExportSlice(...args),
  ...createImportSlice(...args),
}));

export const selectApp = (state: BurrowState): BurrowState['app'] => state.app;
export const selectLoadAppInfo = (state: BurrowState): BurrowState['loadAppInfo'] => state.loadAppInfo;
export const selectProfiles = (state: BurrowState): BurrowState['profiles'] => state.profiles;
export const selectLoadProfiles = (state: BurrowState): BurrowState['loadProfiles'] => state.loadProfiles;
export const selectConnecting = (state: BurrowState): BurrowState['connecting'] => state.connecting;
export const selectSessions = (state: BurrowState): BurrowState['sessions'] => state.sessions;
export const selectFirstPrompt = (state: BurrowState): BurrowState['prompts'][number] | undefined => state.prompts[0];
export const selectPromptError = (state: BurrowState): string | null => state.promptError;
export const selectTabs = (state: BurrowState): BurrowState['tabs'] => state.tabs;
export const selectActiveTab = (state: BurrowState): BurrowState['tabs'][number] | undefined =>
  state.tabs.find((tab) => tab.id === state.activeTabId);
export const selectEditor = (state: BurrowState): BurrowState['editor'] => state.editor;
export const selectKeys = (state: BurrowState): BurrowState['keys'] => state.keys;
export const selectSchemas = (state: BurrowState): BurrowState['schemas'] => state.schemas;
export const selectBrowsers = (state: BurrowState): BurrowState['browsers'] => state.browsers;
export const selectFileExports = (state: BurrowState): BurrowState['fileExports'] => state.fileExports;
