import { describe, expect, it } from 'vitest';
import { loadThemeChoice, osPrefersLight, resolveTheme } from '../../../renderer/src/app/theme';

describe('colours', () => {
  it('System follows the OS; Light and Dark hold whatever the OS says', () => {
    expect([resolveTheme('system', true), resolveTheme('system', false)]).toEqual(['light', 'dark']);
    expect([resolveTheme('light', false), resolveTheme('dark', true)]).toEqual(['light', 'dark']);
  });

  it('without a window (or its storage) the choice is System and the OS counts as dark', () => {
    expect(loadThemeChoice()).toBe('system');
    expect(osPrefersLight()).toBe(false);
  });
});
