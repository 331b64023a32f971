import { describe, expect, it } from 'vitest';
import { askBeforeDiscarding, DISCARD_QUESTION } from '../../../electron/main/unsavedChanges';

describe('closing a window with unsaved edits', () => {
  const wire = (answer: number) => {
    let listener: ((event: { preventDefault(): void }) => void) | null = null;
    const asked: unknown[] = [];
    askBeforeDiscarding({ on: (event, handler) => { expect(event).toBe('will-prevent-unload'); listener = handler; } }, (question) => (asked.push(question), answer));
    let unloadAllowed = false;
    listener!({ preventDefault: () => { unloadAllowed = true; } });
    return { asked, unloadAllowed };
  };

  it('asks, and lets the window go only on "Discard changes"', () => {
    expect(wire(0)).toEqual({ asked: [DISCARD_QUESTION], unloadAllowed: true });
    expect(wire(1)).toEqual({ asked: [DISCARD_QUESTION], unloadAllowed: false });
  });

  it('defaults and cancels to keeping the edits', () => {
    expect(DISCARD_QUESTION.buttons?.[DISCARD_QUESTION.defaultId!]).toBe('Keep editing');
    expect(DISCARD_QUESTION.cancelId).toBe(DISCARD_QUESTION.defaultId);
  });
});
