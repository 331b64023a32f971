import { afterEach, describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { createSchemaSlice, nextSort, type SchemaSlice } from '../../../renderer/src/store/schemaSlice';

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
