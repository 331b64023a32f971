import { useEffect } from 'react';
import { useBurrowStore } from '../../store';

/** Mod+S saves; Mod+D duplicates the selected row; Delete (or Backspace) marks it for deletion, or takes the mark back. */
export function useEditKeys(browserId: string, editable: boolean): void {
  useEffect(() => {
    if (!editable) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      const store = useBurrowStore.getState();
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        // Leaving an open cell editor keeps its text first.
        if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
        void store.saveEdits(browserId);
        return;
      }
      const target = event.target as HTMLElement | null;
      const typing = target?.closest('input, textarea, select, [contenteditable]');
      const selected = store.browsers[browserId]?.selected;
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'd' && !typing && selected) {
        event.preventDefault();
        store.duplicateRow(browserId);
        return;
      }
      if ((event.key === 'Delete' || event.key === 'Backspace') && !typing && selected) {
        event.preventDefault();
        store.toggleDelete(browserId, selected);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [browserId, editable]);
}
