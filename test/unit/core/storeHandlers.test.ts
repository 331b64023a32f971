import { describe, expect, it } from 'vitest';
import { BurrowError } from '../../../shared/errors';
import { storeHandlers } from '../../../electron/core/handlers/storeHandlers';
import type { Store } from '../../../electron/core/store/createStore';

describe('store handlers', () => {
  it('deleting a profile forgets its query history, kept tabs and saved queries, even when those files are damaged', async () => {
    const cleared: unknown[] = [];
    let historyBroken = false;
    const store = {
      profiles: { delete: async (request: { id: string }) => ({ id: request.id, notices: [] }) },
      history: {
        clear: async (request: unknown) => {
          cleared.push(request);
          if (historyBroken) throw new BurrowError('STORE_CORRUPT', 'history.json is damaged');
          return { removed: 3 };
        },
      },
      tabs: {
        forget: async (profileId: string) => {
          cleared.push({ tabsOf: profileId });
          if (historyBroken) throw new BurrowError('STORE_CORRUPT', 'tabs.json is damaged');
        },
      },
      savedQueries: {
        forget: async (profileId: string) => {
          cleared.push({ savedOf: profileId });
          if (historyBroken) throw new BurrowError('STORE_CORRUPT', 'saved-queries.json is damaged');
        },
      },
    } as unknown as Store;
    const handlers = storeHandlers(store);
    await expect(handlers['profiles.delete']({ id: 'p1' })).resolves.toEqual({ id: 'p1', notices: [] });
    historyBroken = true;
    await expect(handlers['profiles.delete']({ id: 'p2' })).resolves.toEqual({ id: 'p2', notices: [] });
    expect(cleared).toEqual([{ profileId: 'p1' }, { tabsOf: 'p1' }, { savedOf: 'p1' }, { profileId: 'p2' }, { tabsOf: 'p2' }, { savedOf: 'p2' }]);
  });

  it('keeps tabs only for a profile that exists', async () => {
    const saved: unknown[] = [];
    const store = {
      profiles: {
        get: async ({ id }: { id: string }) => {
          if (id !== 'p1') throw new BurrowError('NOT_FOUND', `no saved connection has the id ${id}`);
          return { id };
        },
      },
      tabs: { save: async (request: unknown) => (saved.push(request), { kept: 1 }) },
    } as unknown as Store;
    const handlers = storeHandlers(store);
    const tabs = [{ title: 'Query', sql: 'SELECT 1' }];
    await expect(handlers['tabs.save']({ profileId: 'p1', tabs })).resolves.toEqual({ kept: 1 });
    await expect(handlers['tabs.save']({ profileId: 'gone', tabs })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(saved).toEqual([{ profileId: 'p1', tabs }]);
  });
});
