import { describe, expect, it } from 'vitest';
import { keysFor, SHORTCUTS } from '../../../renderer/src/features/settings/shortcuts';

describe('keyboard shortcuts as listed in Settings', () => {
  it('writes Mod as Cmd on macOS and Ctrl elsewhere, leaving other keys alone', () => {
    expect(keysFor('Mod+Shift+Enter', 'darwin')).toBe('Cmd+Shift+Enter');
    expect(keysFor('Mod+Shift+Enter', 'linux')).toBe('Ctrl+Shift+Enter');
    expect(keysFor('Ctrl+Space', 'darwin')).toBe('Ctrl+Space');
  });

  it('lists each key once per area', () => {
    const keys = SHORTCUTS.map((s) => `${s.area}:${s.keys}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
