import type { MessageBoxSyncOptions } from 'electron';

/** The question asked when closing or reloading a window whose renderer holds unsaved edits. */
export const DISCARD_QUESTION: MessageBoxSyncOptions = {
  type: 'warning',
  buttons: ['Discard changes', 'Keep editing'],
  defaultId: 1,
  cancelId: 1,
  noLink: true,
  message: 'Discard unsaved changes?',
  detail: 'Some table or result edits have not been saved to the database. Closing now drops them.',
};

interface UnloadEvents {
  on(event: 'will-prevent-unload', listener: (event: { preventDefault(): void }) => void): unknown;
}

/**
 * The renderer refuses to unload (beforeunload) while edits wait to be saved; Electron then asks
 * nothing by itself, so the window would just not close. This asks, and lets it go on "Discard".
 */
export function askBeforeDiscarding(contents: UnloadEvents, ask: (question: MessageBoxSyncOptions) => number): void {
  contents.on('will-prevent-unload', (event) => {
    if (ask(DISCARD_QUESTION) === 0) event.preventDefault();
  });
}
