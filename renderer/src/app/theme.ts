export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'burrow.theme';
const LIGHT_QUERY = '(prefers-color-scheme: light)';

/** Pure: the colours to show for a choice, given whether the OS asks for light. */
export const resolveTheme = (choice: ThemeChoice, osPrefersLight: boolean): Theme => (choice === 'system' ? (osPrefersLight ? 'light' : 'dark') : choice);

/** The choice kept in this window's storage (a display preference, nothing secret); System when none or unreadable. */
export function loadThemeChoice(): ThemeChoice {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

export function storeThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === 'system') window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Storage refused (a locked profile): the choice lasts for this window only.
  }
}

export const osPrefersLight = (): boolean => (typeof window !== 'undefined' && window.matchMedia?.(LIGHT_QUERY).matches) || false;

/** Calls `changed` when the OS switches between light and dark; returns the unsubscribe. */
export function watchOsTheme(changed: () => void): () => void {
  const media = typeof window !== 'undefined' ? window.matchMedia?.(LIGHT_QUERY) : undefined;
  media?.addEventListener('change', changed);
  return () => media?.removeEventListener('change', changed);
}

/** Puts the theme on the document, where the stylesheet's variables pick it up. */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}
