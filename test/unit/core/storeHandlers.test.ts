import { describe, expect, it } from 'vitest';
import { BurrowError } from '../../../shared/errors';
import { storeHandlers } from '../../../electron/core/handlers/storeHandlers';
import type { Store } from '../../../electron/core/store/createStore';

describe('store handlers', () => {
  it('deleting a profile forgets its query history, even when the history file is damaged', async () => {
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
    } as unknown as Store;
    const handlers = storeHandlers(store);
    await expect(handlers['profiles.delete']({ id: 'p1' })).resolves.toEqual({ id: 'p1', notices: [] });
    historyBroken = true;
    await expect(handlers['profiles.delete']({ id: 'p2' })).resolves.toEqual({ id: 'p2', notices: [] });
    expect(cleared).toEqual([{ profileId: 'p1' }, { profileId: 'p2' }]);
  });
});
