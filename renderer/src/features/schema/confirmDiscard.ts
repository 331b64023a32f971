import { useBurrowStore } from '../../store';
import { countChanges } from './tableEdits';

/** Before a new page read or closing the tab drops a browser's unsaved changes: true when there are none or the user agrees. */
export function confirmDiscardEdits(browserId: string): boolean {
  const view = useBurrowStore.getState().browsers[browserId];
  const count = view ? countChanges(view.pending) : 0;
  return count === 0 || window.confirm(`Discard ${count} unsaved change${count === 1 ? '' : 's'}?`);
}
