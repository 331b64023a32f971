/** Which tab a switching key asks for: the next or previous one (wrapping), or the Nth (9: the last). */
export type TabStep = { by: 1 | -1 } | { to: number };

/**
 * Pure: the step a key press asks for, or null. Ctrl+Tab and Ctrl+Shift+Tab (also on macOS, as
 * browsers do), Ctrl+PageDown / Ctrl+PageUp, and Mod+1 to Mod+9.
 */
export function tabStepOf(event: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }, platform: string): TabStep | null {
  if (event.altKey) return null;
  if (event.ctrlKey && !event.metaKey && event.key === 'Tab') return { by: event.shiftKey ? -1 : 1 };
  if (event.ctrlKey && !event.metaKey && !event.shiftKey && (event.key === 'PageDown' || event.key === 'PageUp')) return { by: event.key === 'PageDown' ? 1 : -1 };
  const mod = platform === 'darwin' ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  if (mod && !event.shiftKey && /^[1-9]$/.test(event.key)) return { to: Number(event.key) };
  return null;
}

/** Pure: the id of the tab `step` leads to from `activeId`, or null when there is none to go to. */
export function tabAfterStep(ids: readonly string[], activeId: string | null, step: TabStep): string | null {
  if (ids.length === 0) return null;
  if ('to' in step) return step.to === 9 ? ids.at(-1)! : (ids[step.to - 1] ?? null);
  const at = activeId ? ids.indexOf(activeId) : -1;
  if (at < 0) return ids[0]!;
  return ids[(at + step.by + ids.length) % ids.length]!;
}
