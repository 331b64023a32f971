import { describe, expect, it } from 'vitest';
import { unsavedChangeCount } from '../../../renderer/src/app/useUnsavedChangesGuard';
import { noEdits } from '../../../renderer/src/features/schema/tableEdits';
import type { BrowseView } from '../../../renderer/src/store/schemaSlice';
import { idleResultEdits } from '../../../renderer/src/store/resultEditSlice';

describe('edits that closing the window would drop', () => {
  it('counts pending changes in table browsers and query results, not saved ones', () => {
    const browser = (pending: BrowseView['pending']) => ({ pending }) as BrowseView;
    expect(unsavedChangeCount({ browsers: {}, resultEdits: {} })).toBe(0);
    expect(unsavedChangeCount({
      browsers: { a: browser(noEdits), b: browser({ ...noEdits, deleted: [1, 2] }) },
      resultEdits: {
        r1: { ...idleResultEdits, edits: { pending: { 4: { key: { id: '4' }, set: { n: '1' }, delete: false } }, saved: {} } },
        r2: { ...idleResultEdits, edits: { pending: {}, saved: { 1: { set: { n: '2' }, deleted: false } } } },
      },
    })).toBe(3);
  });
});
