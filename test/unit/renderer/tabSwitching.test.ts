import { describe, expect, it } from 'vitest';
import { tabAfterStep, tabStepOf } from '../../../renderer/src/features/query/tabSwitching';

const key = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) =>
  ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('tab switching keys', () => {
  it('reads Ctrl+Tab, Ctrl+Shift+Tab, Ctrl+PageDown/PageUp and Mod+digit for the platform', () => {
    expect(tabStepOf(key('Tab', { ctrlKey: true }), 'linux')).toEqual({ by: 1 });
    expect(tabStepOf(key('Tab', { ctrlKey: true, shiftKey: true }), 'darwin')).toEqual({ by: -1 });
    expect(tabStepOf(key('PageUp', { ctrlKey: true }), 'win32')).toEqual({ by: -1 });
    expect(tabStepOf(key('3', { ctrlKey: true }), 'linux')).toEqual({ to: 3 });
    expect(tabStepOf(key('3', { metaKey: true }), 'darwin')).toEqual({ to: 3 });
    // Not theirs: Cmd+digit off macOS, Ctrl+digit on macOS, Tab alone, Alt held, a digit with Shift.
    expect(tabStepOf(key('3', { metaKey: true }), 'linux')).toBeNull();
    expect(tabStepOf(key('3', { ctrlKey: true }), 'darwin')).toBeNull();
    expect(tabStepOf(key('Tab'), 'linux')).toBeNull();
    expect(tabStepOf(key('Tab', { ctrlKey: true, altKey: true }), 'linux')).toBeNull();
    expect(tabStepOf(key('0', { ctrlKey: true }), 'linux')).toBeNull();
  });

  it('steps round the ends, goes to the Nth tab, and to the last one with 9', () => {
    const ids = ['a', 'b', 'c'];
    expect(tabAfterStep(ids, 'c', { by: 1 })).toBe('a');
    expect(tabAfterStep(ids, 'a', { by: -1 })).toBe('c');
    expect(tabAfterStep(ids, 'b', { to: 1 })).toBe('a');
    expect(tabAfterStep(ids, 'a', { to: 9 })).toBe('c');
    expect(tabAfterStep(ids, 'a', { to: 5 })).toBeNull();
    expect(tabAfterStep([], null, { by: 1 })).toBeNull();
  });
});
