import { burrow } from '../../ipc/client';
import { useBurrowStore } from '../../store';

/** A file name for a tab that has none: its title, without what file systems refuse, ending in .sql. */
export function suggestedFileName(title: string): string {
  const printable = [...title].map((c) => (c.charCodeAt(0) < 0x20 ? ' ' : c)).join('');
  const base = printable.replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120) || 'query';
  return /\.sql$/i.test(base) ? base : `${base}.sql`;
}

/**
 * Open SQL File…: the host's dialog picks the file and core reads it. It goes into the tab beside
 * which it was asked when that tab is an empty query tab of no file, else into a new tab of the
 * same session. Returns the tab that holds it, or null (cancelled, or nowhere to put it: the
 * reason is shown on the tab it was asked from).
 */
export async function openSqlFile(fromTabId: string): Promise<string | null> {
  const answer = await burrow().files.openSql({});
  const state = useBurrowStore.getState();
  const from = state.tabs.find((tab) => tab.id === fromTabId);
  if (!from) return null;
  if (!answer.ok) {
    state.setTabFile(from.id, null, { ok: false, text: `Cannot open the file: ${answer.error.message}` });
    return null;
  }
  const { path, name, text } = answer.value;
  if (path === null || name === null || text === null) return null;
  const reuse = !from.browserId && !from.file && from.sql.trim() === '';
  const tabId = reuse ? from.id : state.newQueryTab(from.id);
  if (!tabId) {
    state.setTabFile(from.id, null, { ok: false, text: `Cannot open ${name} here: this connection has ended. Connect again, then open it.` });
    return null;
  }
  state.setTabFile(tabId, { path, name, savedText: text }, { ok: true, text: `Opened ${path}.` }, text);
  if (!reuse) state.selectTab(tabId);
  return tabId;
}

/** Save SQL File: to the tab's file when it has one (Save As, or none: the host's save dialog asks). */
export async function saveSqlFile(tabId: string, saveAs = false): Promise<void> {
  const tab = useBurrowStore.getState().tabs.find((t) => t.id === tabId);
  if (!tab || tab.browserId) return;
  const text = tab.sql;
  const answer = await burrow().files.saveSql({
    text,
    suggestedName: tab.file?.name ?? suggestedFileName(tab.title),
    ...(tab.file ? { path: tab.file.path } : {}),
    saveAs,
  });
  const state = useBurrowStore.getState();
  if (!answer.ok) {
    state.setTabFile(tabId, null, { ok: false, text: `Not saved: ${answer.error.message}` });
    return;
  }
  const { path, name } = answer.value;
  if (path === null || name === null) return;
  state.setTabFile(tabId, { path, name, savedText: text }, { ok: true, text: `Saved to ${path}.` });
}
