import { afterEach, describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { AUTO_COUNT_MAX_ROWS, countsByItself, createSchemaSlice, type SchemaSlice, type SchemaState } from '../../../renderer/src/store/schemaSlice';

const schemaWith = (estimatedRows: number | null): SchemaState => ({
  status: 'ready',
  info: { databases: [], currentDatabase: 'db', schemas: ['app'], tables: [{ schema: 'app', name: 't', kind: 'table', estimatedRows, columns: [], indexes: [], foreignKeys: [] }] },
});
const table = { schema: 'app', name: 't' };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('counting a browsed table\'s rows', () => {
  afterEach(() => {
    delete (globalThis as { burrow?: unknown }).burrow;
  });

  it('counts by itself only tables estimated small or not estimated', () => {
    expect(countsByItself(schemaWith(10), table)).toBe(true);
    expect(countsByItself(schemaWith(null), table)).toBe(true);
    expect(countsByItself(schemaWith(AUTO_COUNT_MAX_ROWS), table)).toBe(false);
    expect(countsByItself({ status: 'loading' }, table)).toBe(false);
  });

  const setup = (estimate: number | null) => {
    const counted: unknown[] = [];
    let answer: (rows: number) => void = () => {};
    (globalThis as { burrow?: unknown }).burrow = {
      schema: {
        browse: async () => ({ ok: true, value: { columns: [], rows: [], offset: 0, hasMore: false } }),
        count: (request: { filters: unknown[] }) => new Promise((resolve) => {
          counted.push(request.filters);
          answer = (rows) => resolve({ ok: true, value: { rows } });
        }),
      },
    };
    const store = create<SchemaSlice>()((...args) => createSchemaSlice(...args));
    store.setState({ schemas: { s: schemaWith(estimate) } });
    return { store, counted, answer: (rows: number) => answer(rows) };
  };

  it('a big table waits to be asked; a count that finishes after the filters changed is dropped', async () => {
    const { store, counted, answer } = setup(5_000_000);
    store.getState().openBrowser('b', 's', table);
    await settle();
    expect(counted).toEqual([]);
    expect(store.getState().browsers.b!.count).toEqual({ state: 'none' });
    const counting = store.getState().countRows('b');
    expect(store.getState().browsers.b!.count).toEqual({ state: 'counting' });
    await store.getState().browse('b', { filters: [{ column: 'x', op: 'is null' }] });
    answer(5_000_123);
    await counting;
    expect(store.getState().browsers.b!.count).toEqual({ state: 'none' });
  });

  it('a small table is counted after its first page, and paging keeps the count', async () => {
    const { store, counted, answer } = setup(40);
    store.getState().openBrowser('b', 's', table);
    await settle();
    expect(counted).toEqual([[]]);
    answer(42);
    await settle();
    expect(store.getState().browsers.b!.count).toEqual({ state: 'done', rows: 42 });
    await store.getState().browse('b', { offset: 300 });
    expect(store.getState().browsers.b!.count).toEqual({ state: 'done', rows: 42 });
    expect(counted).toHaveLength(1);
  });
});
