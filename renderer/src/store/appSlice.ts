import type { StateCreator } from 'zustand';
import type { AppInfo } from '../../../shared/contract';
import type { BurrowErrorShape, Result } from '../../../shared/errors';
import type { VaultStatus } from '../../../shared/vault';
import { burrow } from '../ipc/client';
import { loadThemeChoice, osPrefersLight, resolveTheme, storeThemeChoice, type Theme, type ThemeChoice } from '../app/theme';

export type LoadState = { status: 'loading' } | { status: 'ready'; info: AppInfo } | { status: 'failed'; error: BurrowErrorShape };

export interface AppSlice {
  app: LoadState;
  loadAppInfo(): Promise<void>;
  /** Where saved secrets stand (null until asked, or when asking failed). */
  vault: VaultStatus | null;
  loadVault(): Promise<void>;
  settingsOpen: boolean;
  showSettings(open: boolean): void;
  /** The Open table… dialog (Mod+P) of the front tab's session. */
  openTableShown: boolean;
  showOpenTable(open: boolean): void;
  /** Appearance: the user's choice, and what it shows now (System follows the OS as it changes). */
  themeChoice: ThemeChoice;
  theme: Theme;
  setThemeChoice(choice: ThemeChoice): void;
  /** The OS switched light/dark: a System choice follows it. */
  osThemeChanged(): void;
}

/** Pure: the next app state for an `app.info` result. */
export function appStateFor(result: Result<AppInfo>): LoadState {
  return result.ok ? { status: 'ready', info: result.value } : { status: 'failed', error: result.error };
}

const initialChoice = loadThemeChoice();

export const createAppSlice: StateCreator<AppSlice, [], [], AppSlice> = (set, get) => ({
  app: { status: 'loading' },
  themeChoice: initialChoice,
  theme: resolveTheme(initialChoice, osPrefersLight()),
  setThemeChoice(choice) {
    storeThemeChoice(choice);
    set({ themeChoice: choice, theme: resolveTheme(choice, osPrefersLight()) });
  },
  osThemeChanged: () => set({ theme: resolveTheme(get().themeChoice, osPrefersLight()) }),
  vault: null,
  async loadVault() {
    const result = await burrow().vault.status({});
    set({ vault: result.ok ? result.value : null });
  },
  settingsOpen: false,
  showSettings: (open) => set({ settingsOpen: open }),
  openTableShown: false,
  showOpenTable: (open) => set({ openTableShown: open }),
  async loadAppInfo() {
    let result: Result<AppInfo>;
    try {
      result = await burrow().app.info({});
    } catch (error) {
      result = { ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
    }
    set({ app: appStateFor(result) });
  },
});
