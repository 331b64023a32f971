const STORAGE_KEY = 'burrow.collapsedGroups';

/** The sidebar groups the user folded, kept in this window's storage (a display preference); none when unreadable. */
export function loadCollapsedGroups(): Set<string> {
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '[]');
    return new Set(Array.isArray(stored) ? stored.filter((item): item is string => typeof item === 'string') : []);
  } catch {
    return new Set();
  }
}

export function storeCollapsedGroups(groups: ReadonlySet<string>): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify([...groups]));
  } catch {
    // Storage refused: the folding lasts for this window only.
  }
}
