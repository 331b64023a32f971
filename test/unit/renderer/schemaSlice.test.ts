import { afterEach, describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { RunStatus, SchemaInfo } from '../../../shared/query';
import { createSchemaSlice, nextSort, type SchemaSlice } from '../../../renderer/src/store/schemaSlice';
import { createWorkspaceSlice, type WorkspaceSlice } from '../../../renderer/src/store/workspaceSlice';
import { createResultEditSlice, type ResultEditSlice } from '../../../renderer/src/store/resultEditSlice';
import { createSessionsSlice, type SessionsSlice } from '../../../renderer/src/store/sessionsSlice';
import type { SafetySlice } from '../../../renderer/src/store/safetySlice';
import { noSafeMode } from './noSafeMode';

describe('table browser sorting', () => {
  it('cycles a clicked column through ascending, descending and off, replacing another column', () => {
    expect(nextSort([], 'id')).toEqual([{ column: 'id', direction: 'asc' }]);
    expect(nextSort([{ column: 'id', direction: 'asc' }], 'id')).toEqual([{ column: 'id', direction: 'desc' }]);
    expect(nextSort([{ column: 'id', direction: 'desc' }], 'id')).toEqual([]);
    expect(nextSort([{ column: 'id', direction: 'desc' }], 'name')).toEqual([{ column: 'name', direction: 'asc' }]);
  });
});

describe('table browser pages', () => {
  afterEach(() => {
    delete (globalThis as { burrow?: unknown }).burrow;
  });

  it('shows the page of the latest click even when an earlier request answers last', async () => {
    const pending: { offset: number; resolve(value: unknown): void }[] = [];
    (globalThis as { burrow?: unknown }).burrow = {
      schema: {
        browse: (request: { offset: number }) => new Promise((resolve) => pending.push({ offset: request.offset, resolve })),
      },
    };
    const store = create<SchemaSlice>()((...args) => createSchemaSlice(...args));
    const page = (offset: number) => ({ ok: true, value: { columns: [{ name: 'id', dataType: 'int', nullable: false }], rows: [[String(offset + 1)]], offset, hasMore: true } });
    store.getState().openBrowser('b', 's', { schema: null, name: 't' });
    const next = store.getState().browse('b', { offset: 300 });
    const nextAgain = store.getState().browse('b', { offset: 600 });
    expect(pending.map((p) => p.offset)).toEqual([0, 300, 600]);
    pending[2]!.resolve(page(600));
    await nextAgain;
    pending[1]!.resolve(page(300));
    pending[0]!.resolve(page(0));
    await next;
    await new Promise((resolve) => setTimeout(resolve, 0));
    const view = store.getState().browsers.b!;
    expect(view.offset).toBe(600);
    expect(view.page?.rows).toEqual([['601']]);
    expect(view.loading).toBe(false);
  });
});

describe('schema tree refresh', () => {
  afterEach(() => {
    delete (globalThis as { burrow?: unknown }).burrow;
  });

  const info = (name: string): SchemaInfo => ({ currentDatabase: 'd', currentSchema: 'public', tables: [{ schema: 'public', name, kind: 'table', rowEstimate: null, columns: [], indexes: [], foreignKeys: [] }] }) as unknown as SchemaInfo;

  it('keeps showing the old tree while refreshing, and the latest request wins', async () => {
    const pending: ((value: unknown) => void)[] = [];
    (globalThis as { burrow?: unknown }).burrow = { schema: { introspect: () => new Promise((resolve) => pending.push(resolve)) } };
    const store = create<SchemaSlice>()((...args) => createSchemaSlice(...args));
    const first = store.getState().loadSchema('s');
    expect(store.getState().schemas.s).toEqual({ status: 'loading' });
    pending[0]!({ ok: true, value: info('a') });
    await first;
    const older = store.getState().loadSchema('s');
    expect(store.getState().schemas.s).toMatchObject({ status: 'ready', refreshing: true, info: info('a') });
    const newer = store.getState().loadSchema('s');
    pending[2]!({ ok: true, value: info('c') });
    await newer;
    pending[1]!({ ok: true, value: info('b') });
    await older;
    expect(store.getState().schemas.s).toEqual({ status: 'ready', info: info('c') });
  });

  it('a finished run whose SQL changes the schema reloads the tree of its session, and only then', async () => {
    const introspected: string[] = [];
    const status = (changesSchema: boolean): RunStatus => ({ runId: 'r', connectionId: 's', state: 'done', results: [], error: null, elapsedMs: 1, changesSchema });
    let next = status(false);
    (globalThis as { burrow?: unknown }).burrow = {
      schema: { introspect: async ({ connectionId }: { connectionId: string }) => (introspected.push(connectionId), { ok: true, value: info('t') }) },
      query: { run: async () => ({ ok: true, value: next }), release: () => {} },
    };
    const store = create<WorkspaceSlice & SchemaSlice & SessionsSlice & SafetySlice & ResultEditSlice>()((...args) => ({ ...noSafeMode, ...createSchemaSlice(...args), ...createSessionsSlice(...args), ...createWorkspaceSlice(...args), ...createResultEditSlice(...args) }));
    store.getState().openTab('s', 'Query');
    const tabId = store.getState().tabs[0]!.id;
    store.getState().setSql(tabId, 'CREATE TABLE t (id int)');
    // No tree open for the session yet: nothing to refresh.
    next = status(true);
    await store.getState().runTab(tabId);
    expect(introspected).toEqual([]);
    await store.getState().loadSchema('s');
    expect(introspected).toEqual(['s']);
    next = status(false);
    await store.getState().runTab(tabId);
    expect(introspected).toEqual(['s']);
    next = status(true);
    await store.getState().runTab(tabId);
    expect(introspected).toEqual(['s', 's']);
  });
});
