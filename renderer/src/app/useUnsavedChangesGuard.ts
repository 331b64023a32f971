import { useEffect } from 'react';
import { useBurrowStore, type BurrowState } from '../store';
import { countResultChanges } from '../features/query/resultEdits';
import { countChanges } from '../features/schema/tableEdits';

/** Pure: edits waiting to be saved, in every table browser and query result. */
export function unsavedChangeCount(state: Pick<BurrowState, 'browsers' | 'resultEdits'>): number {
  let count = 0;
  for (const view of Object.values(state.browsers)) count += countChanges(view.pending);
  for (const edits of Object.values(state.resultEdits)) count += countResultChanges(edits.edits);
  return count;
}

const refuseUnload = (event: BeforeUnloadEvent): string => {
  event.preventDefault();
  // Older engines show the question only when returnValue is set.
  event.returnValue = '';
  return '';
};

/**
 * While edits wait to be saved, closing or reloading the window asks first (the browser's
 * beforeunload question; Electron's main process turns it into a native dialog).
 */
export function useUnsavedChangesGuard(): void {
  useEffect(() => {
    const update = (state: BurrowState): void => {
      const guarded = unsavedChangeCount(state) > 0;
      if (guarded !== (window.onbeforeunload !== null)) window.onbeforeunload = guarded ? refuseUnload : null;
    };
    update(useBurrowStore.getState());
    const unsubscribe = useBurrowStore.subscribe(update);
    return () => {
      unsubscribe();
      window.onbeforeunload = null;
    };
  }, []);
}
