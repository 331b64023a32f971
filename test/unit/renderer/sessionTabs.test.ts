import { afterEach, describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { SessionInfo } from '../../../shared/sessions';
import { createSchemaSlice, type SchemaSlice } from '../../../renderer/src/store/schemaSlice';
import { createSessionsSlice, type SessionsSlice } from '../../../renderer/src/store/sessionsSlice';
import { createWorkspaceSlice, TABS_SAVE_DELAY_MS, type WorkspaceSlice } from '../../../renderer/src/store/workspaceSlice';
import { createResultEditSlice, type ResultEditSlice } from '../../../renderer/src/store/resultEditSlice';
import type { SafetySlice } from '../../../renderer/src/store/safetySlice';
import { noSafeMode } from './noSafeMode';

const session = (sessionId: string, profileId: string): SessionInfo => ({
  sessionId, profileId, profileName: `Profile ${profileId}`, engine: 'postgres', serverVersion: '16', database: 'db', tls: false, hops: 1, state: 'ready',
});

/** The workspace with a fake bridge that keeps tabs in memory and records every call. */
function workspace(kept: Record<string, { title: string; sql: string; active?: true }[]>) {
  const calls: string[] = [];
  (globalThis as { burrow?: unknown }).burrow = {
    tabs: {
      get: async ({ profileId }: { profileId: string }) => (calls.push(`get ${profileId}`), { ok: true, value: kept[profileId] ?? [] }),
      save: async ({ profileId, tabs }: { profileId: string; tabs: { title: string; sql: string; active?: true }[] }) => {
        calls.push(`save ${profileId} ${tabs.map((tab) => `${tab.active ? '*' : ''}${tab.sql}`).join('|')}`);
        kept[profileId] = tabs;
        return { ok: true, value: { kept: tabs.length } };
      },
    },
    query: { release: async ({ runId }: { runId: string }) => (calls.push(`release ${runId}`), { ok: true, value: {} }) },
    sessions: { close: async ({ sessionId }: { sessionId: string }) => (calls.push(`close ${sessionId}`), { ok: true, value: { closed: true } }) },
  };
  const store = create<WorkspaceSlice & SchemaSlice & SessionsSlice & SafetySlice & ResultEditSlice>()((...args) => ({ ...noSafeMode, ...createSchemaSlice(...args), ...createSessionsSlice(...args), ...createWorkspaceSlice(...args), ...createResultEditSlice(...args) }));
  const connect = (sessionId: string, profileId: string): void => store.setState((state) => ({ sessions: { ...state.sessions, [sessionId]: session(sessionId, profileId) } }));
  const drop = (sessionId: string): void => store.getState().sessionStateChanged({ sessionId, profileId: '', state: 'closed', part: 'tunnel' } as never);
  return { store, calls, connect, drop };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, TABS_SAVE_DELAY_MS + 50));

describe('tabs across sessions of a profile', () => {
  afterEach(() => {
    delete (globalThis as { burrow?: unknown }).burrow;
  });

  it('a new session gets the profile\'s kept tabs; edits are kept again once they settle', async () => {
    const { store, calls, connect } = workspace({ p1: [{ title: 'Orders', sql: 'SELECT * FROM orders' }, { title: 'Q', sql: '' }] });
    connect('s1', 'p1');
    await store.getState().openSessionTabs('s1', 'Profile p1');
    expect(store.getState().tabs.map((tab) => [tab.title, tab.sql, tab.sessionId, tab.profileId])).toEqual([['Orders', 'SELECT * FROM orders', 's1', 'p1'], ['Q', '', 's1', 'p1']]);
    store.getState().setSql(store.getState().tabs[1]!.id, 'SELECT 2');
    await settle();
    expect(calls).toEqual(['get p1', 'save p1 *SELECT * FROM orders|SELECT 2']);
  });

  it('the tab that was in front comes back in front, and choosing another tab is kept', async () => {
    const { store, calls, connect } = workspace({ p1: [{ title: 'A', sql: 'SELECT 1' }, { title: 'B', sql: 'SELECT 2', active: true }, { title: 'C', sql: 'SELECT 3' }] });
    connect('s1', 'p1');
    await store.getState().openSessionTabs('s1', 'Profile p1');
    const [a, b] = store.getState().tabs;
    expect(store.getState().activeTabId).toBe(b!.id);
    store.getState().selectTab(a!.id);
    await settle();
    expect(calls).toEqual(['get p1', 'save p1 *SELECT 1|SELECT 2|SELECT 3']);
    // Closing the front tab puts the last tab in front, and that is kept too.
    store.getState().closeTab(a!.id);
    await settle();
    expect(calls.at(-1)).toBe('save p1 SELECT 2|*SELECT 3');
  });

  it('after a session ends, reconnecting moves its tabs to the new session instead of opening copies', async () => {
    const { store, calls, connect, drop } = workspace({});
    connect('s1', 'p1');
    await store.getState().openSessionTabs('s1', 'Profile p1');
    const [tab] = store.getState().tabs;
    store.getState().setSql(tab!.id, 'SELECT 1');
    store.setState((state) => ({ tabs: state.tabs.map((t) => ({ ...t, run: { runId: 'r-old' } as never })) }));
    drop('s1');
    expect(store.getState().newQueryTab(tab!.id)).toBeNull();
    connect('s2', 'p1');
    await store.getState().openSessionTabs('s2', 'Profile p1');
    expect(store.getState().tabs.map((t) => [t.id, t.sessionId, t.sql, t.run])).toEqual([[tab!.id, 's2', 'SELECT 1', null]]);
    expect(store.getState().activeTabId).toBe(tab!.id);
    // While the session was gone, "+" had nowhere to open a tab.
    // The old run's result is released; the kept tabs were not asked for again.
    expect(calls.filter((call) => !call.startsWith('save'))).toEqual(['get p1', 'release r-old']);
    await settle();
    expect(calls.filter((call) => call.startsWith('save'))).toEqual(['save p1 *SELECT 1']);
  });

  it('a second live session of the same profile opens one new tab, and both sessions\' tabs are kept together', async () => {
    const { store, calls, connect } = workspace({ p1: [{ title: 'Kept', sql: 'SELECT 1' }] });
    connect('s1', 'p1');
    await store.getState().openSessionTabs('s1', 'Profile p1');
    connect('s2', 'p1');
    await store.getState().openSessionTabs('s2', 'Profile p1 (2)');
    expect(store.getState().tabs.map((tab) => [tab.title, tab.sessionId])).toEqual([['Kept', 's1'], ['Profile p1 (2)', 's2']]);
    await settle();
    expect(calls).toEqual(['get p1', 'save p1 SELECT 1|*']);
    // "+" beside a live tab: named after the profile, next free number.
    store.getState().newQueryTab(store.getState().tabs[0]!.id);
    expect(store.getState().tabs.map((tab) => tab.title)).toEqual(['Kept', 'Profile p1 (2)', 'Profile p1']);
    await settle();
  });

  it('a table browser left by an ended session moves to the next one with its unsaved edits', async () => {
    const { store, connect, drop } = workspace({});
    connect('s1', 'p1');
    await store.getState().openSessionTabs('s1', 'Profile p1');
    const pending = { changed: { 0: { name: 'renamed' } }, deleted: [2], added: [] };
    store.setState({ browsers: { b1: { id: 'b1', sessionId: 's1', table: { schema: 'main', name: 'items' }, sort: [], filters: [], offset: 0, limit: 300, page: null, loading: false, error: null, pending, selected: null, saving: false, saved: null, saveError: null, count: { state: 'none' } } } });
    const browserTab = store.getState().openBrowserTab('s1', 'items', 'b1');
    drop('s1');
    connect('s2', 'p1');
    await store.getState().openSessionTabs('s2', 'Profile p1');
    const state = store.getState();
    expect(state.tabs.map((tab) => [tab.browserId ?? null, tab.sessionId])).toEqual([[null, 's2'], ['b1', 's2']]);
    expect(state.browsers.b1!.sessionId).toBe('s2');
    expect(state.browsers.b1!.pending).toBe(pending);
    expect(state.tabs.find((tab) => tab.id === browserTab)!.profileId).toBe('p1');
  });

  it('closing the last tab of a session closes the session, so no tunnel stays open unseen', async () => {
    const { store, calls, connect } = workspace({});
    connect('s1', 'p1');
    await store.getState().openSessionTabs('s1', 'Profile p1');
    const first = store.getState().tabs[0]!.id;
    const second = store.getState().newQueryTab(first)!;
    const browser = store.getState().openBrowserTab('s1', 'items', 'b1');
    store.getState().closeTab(first);
    store.getState().closeTab(browser);
    expect(calls.filter((call) => call.startsWith('close'))).toEqual([]);
    store.getState().closeTab(second);
    await settle();
    expect(calls.filter((call) => call.startsWith('close'))).toEqual(['close s1']);
    expect(store.getState().sessions).toEqual({});
  });

  it('a window going away keeps the edits still waiting to settle, at once and only once', async () => {
    const { store, calls, connect } = workspace({});
    connect('s1', 'p1');
    await store.getState().openSessionTabs('s1', 'Profile p1');
    store.getState().setSql(store.getState().tabs[0]!.id, 'SELECT last');
    store.getState().flushKeptTabs();
    expect(calls.filter((call) => call.startsWith('save'))).toEqual(['save p1 *SELECT last']);
    await settle();
    expect(calls.filter((call) => call.startsWith('save'))).toEqual(['save p1 *SELECT last']);
  });
});
