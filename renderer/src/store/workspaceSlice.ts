import type { StateCreator } from 'zustand';
import type { RunStatus } from '../../../shared/query';
import { burrow } from '../ipc/client';
import { lineAndColumn } from '../../../shared/textPosition';
import { errorTextInEditor } from './runErrorText';
import type { SchemaSlice } from './schemaSlice';
import type { SessionsSlice } from './sessionsSlice';
import { MAX_SAVED_TABS, type SavedTab } from '../../../shared/savedTabs';
import type { Engine } from '../../../shared/profile';
import { statementAt } from '../features/query/statementAt';
import { explainPrefix } from '../features/query/explainPrefix';
import { splitDialectOf } from '../../../shared/sql/dialect';
import { classifyStatements } from '../../../shared/sql/writesData';
import type { SafetySlice } from './safetySlice';
import type { ResultEditSlice } from './resultEditSlice';

export interface QueryTab {
  id: string;
  sessionId: string;
  /** The connection profile of the tab's session, kept when the session ends (tabs are kept per profile). */
  profileId?: string;
  title: string;
  sql: string;
  run: RunStatus | null;
  /** Index of the result set shown in the grid. */
  resultIndex: number;
  error: string | null;
  /** Set for a table browser tab (see SchemaSlice.browsers); such a tab has no SQL. */
  browserId?: string;
  /** The editor's selection; a non-empty one is what Run runs. */
  selection?: TextRange | null;
  /** Where the SQL of the shown run starts in the editor text, so server error positions map back. */
  ranFrom?: number;
  /** The same place as a line and column of the text as it was when the run started. */
  ranAt?: { line: number; column: number };
  /** The SQL the shown run sent, to send again without the row limit. */
  ranSql?: string;
  /** The saved query this tab was opened from or saved as: Save (Mod+S) updates it. */
  savedQueryId?: string;
  /** The SQL file this tab was opened from or saved to, with the text as last read or written. */
  file?: TabFile;
  /** What the latest open or save of a SQL file said. */
  fileStatus?: { ok: boolean; text: string } | null;
}

export interface TabFile {
  path: string;
  name: string;
  savedText: string;
}

/** The tab holds edits its SQL file lacks. */
export const fileChanged = (tab: Pick<QueryTab, 'file' | 'sql'>): boolean => tab.file !== undefined && tab.file.savedText !== tab.sql;

/** all: the selection or the whole tab; statement: the selection or the statement at the cursor; explain: that statement's plan. */
export type RunScope = 'all' | 'statement' | 'explain';

export interface TextRange {
  from: number;
  to: number;
}

export interface WorkspaceSlice {
  tabs: QueryTab[];
  activeTabId: string | null;
  openTab(sessionId: string, title: string, sql?: string): string;
  /**
   * The first tabs of a new session: the profile's tabs left by a session that ended, moved to
   * this one; else, when none of the profile's tabs is open, its kept tabs; else one empty tab
   * titled `title`. Table browsers left by an ended session move too, unsaved edits and all.
   */
  openSessionTabs(sessionId: string, title: string): Promise<void>;
  /** A new empty query tab on the live session of tab `besideTabId`, named after its profile with the next free number. */
  newQueryTab(besideTabId: string): string | null;
  /** A tab browsing `browserId`'s table. */
  openBrowserTab(sessionId: string, title: string, browserId: string): string;
  closeTab(tabId: string): void;
  selectTab(tabId: string): void;
  setSql(tabId: string, sql: string): void;
  /** Renames a query tab (blank keeps the old name); the name is kept with the tab. */
  renameTab(tabId: string, title: string): void;
  /** Ties the tab to a saved query (its name becomes the title), or unties it (null: the title stays). */
  linkSavedQuery(tabId: string, saved: { id: string; name: string } | null): void;
  setSelection(tabId: string, selection: TextRange | null): void;
  /** Ties the tab to a SQL file (its name becomes the title; null keeps the tab's file) and, when given, puts `sql` in it; `status` says how that went. */
  setTabFile(tabId: string, file: TabFile | null, status: { ok: boolean; text: string } | null, sql?: string): void;
  selectResult(tabId: string, index: number): void;
  /** Runs what `scope` names (see RunScope). */
  runTab(tabId: string, scope?: RunScope): Promise<void>;
  /** Sends the shown run's SQL again with no row limit (its result was cut at the profile's limit). */
  runTabWithoutLimit(tabId: string): Promise<void>;
  cancelTab(tabId: string): Promise<void>;
  runProgress(status: RunStatus): void;
  /** Keeps, now, the tabs whose save still waits for edits to settle (the window is going away). */
  flushKeptTabs(): void;
}

/** How long edits settle before a profile's tabs are kept. */
export const TABS_SAVE_DELAY_MS = 400;

/** Pure: `base`, or `base 2`, `base 3`, ... whichever no tab has yet. */
export function freeTabTitle(tabs: readonly Pick<QueryTab, 'title'>[], base: string): string {
  const taken = new Set(tabs.map((tab) => tab.title));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base} ${n}`)) n++;
  return `${base} ${n}`;
}

/** Pure: the profile's query tabs (not table browsers), as kept; `activeTabId`'s tab is marked as the one in front. */
export function tabsToKeep(tabs: readonly QueryTab[], profileId: string, activeTabId?: string): SavedTab[] {
  return tabs
    .filter((tab) => !tab.browserId && tab.profileId === profileId)
    .map((tab) => ({
      title: tab.title,
      sql: tab.sql,
      ...(tab.id === activeTabId ? { active: true as const } : {}),
      ...(tab.savedQueryId ? { savedQueryId: tab.savedQueryId } : {}),
    }));
}

const finished = (state: RunStatus['state']): boolean => state === 'done' || state === 'failed' || state === 'cancelled';
let tabCounter = 0;

/**
 * Pure: what Run sends: the selected text when something other than blanks is selected, else the
 * whole tab, or with `current` the statement at the cursor (split as `current.engine` splits).
 */
export function sqlToRun(tab: Pick<QueryTab, 'sql' | 'selection'>, current?: { engine: Engine }): { sql: string; from: number; selection: boolean } {
  const range = tab.selection;
  if (range && range.to > range.from) {
    const selected = tab.sql.slice(range.from, range.to);
    if (selected.trim()) return { sql: selected, from: range.from, selection: true };
  }
  const statement = current ? statementAt(tab.sql, range?.from ?? 0, current.engine) : null;
  return statement ? { ...statement, selection: false } : { sql: tab.sql, from: 0, selection: false };
}

/** Pure: tabs after a progress report for the run one of them is showing. */
export function applyRunStatus(tabs: readonly QueryTab[], status: RunStatus): QueryTab[] {
  return tabs.map((tab) => (tab.run?.runId === status.runId ? { ...tab, run: status, error: status.error ? errorTextInEditor(status.error, tab.ranAt) : null } : tab));
}

export const createWorkspaceSlice: StateCreator<WorkspaceSlice & SchemaSlice & SessionsSlice & SafetySlice & ResultEditSlice, [], [], WorkspaceSlice> = (set, get) => {
  const patch = (tabId: string, change: Partial<QueryTab>): void =>
    set((state) => ({ tabs: state.tabs.map((tab) => (tab.id === tabId ? { ...tab, ...change } : tab)) }));
  const pendingSaves = new Map<string, ReturnType<typeof setTimeout>>();
  /** Per profile, its query tab the user last had in front (the window's front tab may be another profile's). */
  const frontTabOf = new Map<string, string>();
  /** Keeps the profile's tabs once edits settle; a failed save only costs the convenience. */
  const saveTabsOf = (profileId: string): void => {
    pendingSaves.delete(profileId);
    void burrow().tabs.save({ profileId, tabs: tabsToKeep(get().tabs, profileId, frontTabOf.get(profileId)).slice(0, MAX_SAVED_TABS) });
  };
  const keepTabsOf = (profileId: string | undefined): void => {
    if (!profileId) return;
    clearTimeout(pendingSaves.get(profileId));
    pendingSaves.set(profileId, setTimeout(() => saveTabsOf(profileId), TABS_SAVE_DELAY_MS));
  };

  /** Sends `run` for the tab (safe mode may ask first), then follows it to its end; `rowLimit` absent: the profile's. */
  const execute = async (tab: QueryTab, run: { sql: string; from: number; at: { line: number; column: number } }, rowLimit?: null): Promise<void> => {
    const tabId = tab.id;
    const engine = get().sessions[tab.sessionId]?.engine;
    if (engine && !(await get().guardRun(tab.sessionId, () => classifyStatements(run.sql, splitDialectOf(engine))))) return;
    if (tab.run) {
      void burrow().query.release({ runId: tab.run.runId });
      get().dropResultEdits(tab.run.results.map((r) => r.resultId));
    }
    const started = await burrow().query.run({ connectionId: tab.sessionId, sql: run.sql, ...(rowLimit === null ? { rowLimit: null } : {}) });
    if (!started.ok) {
      patch(tabId, { run: null, error: `${started.error.code}: ${started.error.message}` });
      return;
    }
    patch(tabId, { run: started.value, resultIndex: 0, error: null, ranFrom: run.from, ranAt: run.at, ranSql: run.sql });
    set((state) => ({ tabs: applyRunStatus(state.tabs, started.value) }));
    // Long-poll until the run ends; progress events may arrive in between.
    let status = started.value;
    while (!finished(status.state)) {
      const next = await burrow().query.status({ runId: status.runId, waitMs: 5_000 });
      if (!next.ok) {
        patch(tabId, { error: next.error.message });
        return;
      }
      status = next.value;
      set((state) => ({ tabs: applyRunStatus(state.tabs, status) }));
    }
    // DDL (even in a run that failed later) leaves the schema tree out of date: refresh it if it is shown.
    if (status.changesSchema && get().schemas[tab.sessionId]) void get().loadSchema(tab.sessionId);
  };

  return {
    tabs: [],
    activeTabId: null,
    openTab(sessionId, title, sql = '') {
      const id = `tab-${++tabCounter}`;
      const profileId = get().sessions[sessionId]?.profileId;
      set((state) => ({ tabs: [...state.tabs, { id, sessionId, ...(profileId ? { profileId } : {}), title, sql, run: null, resultIndex: 0, error: null }], activeTabId: id }));
      if (profileId) frontTabOf.set(profileId, id);
      keepTabsOf(profileId);
      return id;
    },
    async openSessionTabs(sessionId, title) {
      const { sessions, tabs } = get();
      // A session already shown (adopted twice, say) gets no second set of tabs.
      if (tabs.some((tab) => tab.sessionId === sessionId)) return;
      const profileId = sessions[sessionId]?.profileId;
      if (!profileId) {
        get().openTab(sessionId, title);
        return;
      }
      // Tabs whose session ended (a drop that gave up, a close) carry on in the new session.
      const orphaned = (tab: QueryTab): boolean => tab.profileId === profileId && !sessions[tab.sessionId];
      const browserIds = new Set(tabs.filter((tab) => orphaned(tab) && tab.browserId).map((tab) => tab.browserId!));
      if (browserIds.size > 0) {
        set((state) => ({
          tabs: state.tabs.map((tab) => (tab.browserId && browserIds.has(tab.browserId) ? { ...tab, sessionId } : tab)),
          browsers: Object.fromEntries(Object.entries(state.browsers).map(([id, view]) => [id, browserIds.has(id) ? { ...view, sessionId } : view])),
        }));
      }
      const orphans = tabs.filter((tab) => orphaned(tab) && !tab.browserId);
      if (orphans.length > 0) {
        for (const tab of orphans) if (tab.run) void burrow().query.release({ runId: tab.run.runId });
        const moved = new Set(orphans.map((tab) => tab.id));
        set((state) => ({
          tabs: state.tabs.map((tab) => (moved.has(tab.id) ? { ...tab, sessionId, run: null, resultIndex: 0, error: null } : tab)),
          activeTabId: (orphans.find((tab) => tab.id === frontTabOf.get(profileId)) ?? orphans[0]!).id,
        }));
        return;
      }
      const alreadyOpen = tabs.some((tab) => tab.profileId === profileId && tab.sessionId !== sessionId);
      const kept = alreadyOpen ? null : await burrow().tabs.get({ profileId });
      if (!kept?.ok || kept.value.length === 0) {
        get().openTab(sessionId, title);
        return;
      }
      const opened: QueryTab[] = kept.value.map((tab) => ({
        id: `tab-${++tabCounter}`, sessionId, profileId, title: tab.title, sql: tab.sql, run: null, resultIndex: 0, error: null,
        ...(tab.savedQueryId ? { savedQueryId: tab.savedQueryId } : {}),
      }));
      const front = opened[Math.max(0, kept.value.findIndex((tab) => tab.active))]!.id;
      frontTabOf.set(profileId, front);
      set((state) => ({ tabs: [...state.tabs, ...opened], activeTabId: front }));
    },
    newQueryTab(besideTabId) {
      const beside = get().tabs.find((tab) => tab.id === besideTabId);
      const session = beside ? get().sessions[beside.sessionId] : undefined;
      // A tab whose session ended has nowhere to run: reconnecting brings its tabs back to life.
      if (!beside || !session) return null;
      return get().openTab(beside.sessionId, freeTabTitle(get().tabs, session.profileName));
    },
    openBrowserTab(sessionId, title, browserId) {
      const id = `tab-${++tabCounter}`;
      const profileId = get().sessions[sessionId]?.profileId;
      set((state) => ({ tabs: [...state.tabs, { id, sessionId, ...(profileId ? { profileId } : {}), title, sql: '', run: null, resultIndex: 0, error: null, browserId }], activeTabId: id }));
      return id;
    },
    closeTab(tabId) {
      const tab = get().tabs.find((t) => t.id === tabId);
      if (tab?.run) {
        void burrow().query.release({ runId: tab.run.runId });
        get().dropResultEdits(tab.run.results.map((r) => r.resultId));
      }
      set((state) => {
        const tabs = state.tabs.filter((t) => t.id !== tabId);
        return { tabs, activeTabId: state.activeTabId === tabId ? (tabs.at(-1)?.id ?? null) : state.activeTabId };
      });
      const front = get().tabs.find((t) => t.id === get().activeTabId);
      if (tab?.profileId && front?.profileId === tab.profileId && !front.browserId) frontTabOf.set(tab.profileId, front.id);
      if (tab && !tab.browserId) keepTabsOf(tab.profileId);
      // A session with no tab left cannot be reached: its tunnel and login would stay open unseen.
      if (tab && get().sessions[tab.sessionId] && !get().tabs.some((t) => t.sessionId === tab.sessionId)) void get().closeSession(tab.sessionId);
    },
    selectTab(tabId) {
      set({ activeTabId: tabId });
      const tab = get().tabs.find((t) => t.id === tabId);
      if (!tab?.profileId || tab.browserId || frontTabOf.get(tab.profileId) === tabId) return;
      frontTabOf.set(tab.profileId, tabId);
      keepTabsOf(tab.profileId);
    },
    setSql(tabId, sql) {
      patch(tabId, { sql });
      keepTabsOf(get().tabs.find((tab) => tab.id === tabId)?.profileId);
    },
    setTabFile(tabId, file, status, sql) {
      const tab = get().tabs.find((t) => t.id === tabId);
      if (!tab) return;
      patch(tabId, { ...(file ? { file, title: file.name } : {}), fileStatus: status, ...(sql !== undefined ? { sql, selection: null } : {}) });
      if (sql !== undefined || file) keepTabsOf(tab.profileId);
    },
    renameTab(tabId, title) {
      const name = title.trim().slice(0, 200);
      const tab = get().tabs.find((t) => t.id === tabId);
      if (!tab || !name || name === tab.title) return;
      patch(tabId, { title: name });
      if (!tab.browserId) keepTabsOf(tab.profileId);
    },
    linkSavedQuery(tabId, saved) {
      const tab = get().tabs.find((t) => t.id === tabId);
      if (!tab) return;
      if (saved) patch(tabId, { savedQueryId: saved.id, title: saved.name });
      else set((state) => ({ tabs: state.tabs.map((t) => (t.id === tabId ? (({ savedQueryId: _gone, ...rest }) => rest)(t) : t)) }));
      keepTabsOf(tab.profileId);
    },
    setSelection: (tabId, selection) => patch(tabId, { selection }),
    selectResult: (tabId, index) => patch(tabId, { resultIndex: index }),
    async runTab(tabId, scope = 'all') {
      const tab = get().tabs.find((t) => t.id === tabId);
      if (!tab || !tab.sql.trim()) return;
      const engine = get().sessions[tab.sessionId]?.engine;
      const picked = sqlToRun(tab, scope !== 'all' && engine ? { engine } : undefined);
      const prefix = scope === 'explain' && engine ? explainPrefix(engine) : '';
      if (prefix === null) return;
      // Server positions count from the start of what was sent, prefix included: shift them back.
      const sql = prefix + picked.sql;
      const from = picked.from - prefix.length;
      const at = lineAndColumn(tab.sql, picked.from);
      await execute(tab, { sql, from, at: { line: at.line, column: at.column - prefix.length } });
    },
    async runTabWithoutLimit(tabId) {
      const tab = get().tabs.find((t) => t.id === tabId);
      if (!tab?.ranSql || tab.ranFrom === undefined || !tab.ranAt) return;
      await execute(tab, { sql: tab.ranSql, from: tab.ranFrom, at: tab.ranAt }, null);
    },
    async cancelTab(tabId) {
      const run = get().tabs.find((t) => t.id === tabId)?.run;
      if (run && !finished(run.state)) await burrow().query.cancel({ runId: run.runId });
    },
    runProgress: (status) => set((state) => ({ tabs: applyRunStatus(state.tabs, status) })),
    flushKeptTabs() {
      for (const [profileId, timer] of [...pendingSaves]) {
        clearTimeout(timer);
        saveTabsOf(profileId);
      }
    },
  };

};
