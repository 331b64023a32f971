import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../../shared/contract';
import { menuTemplate } from '../../../electron/main/menu';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

describe('application menu', () => {
  it.each(['linux', 'darwin', 'win32'] as const)('has the usual shortcuts on %s, each sending its command', (platform) => {
    const sent: MenuCommand[] = [];
    const items = flatten(menuTemplate(platform, (command) => sent.push(command)));
    const byLabel = (label: RegExp) => items.find((item) => item.label && label.test(item.label));
    const expected: [RegExp, string, MenuCommand][] = [
      [/^New Connection/, 'CmdOrCtrl+N', 'newConnection'],
      [/^Run$/, 'CmdOrCtrl+Enter', 'run'],
      [/^Run Statement$/, 'CmdOrCtrl+Shift+Enter', 'runStatement'],
      [/^Cancel$/, 'CmdOrCtrl+.', 'cancel'],
      [/^Close Tab$/, 'CmdOrCtrl+W', 'closeTab'],
      [/^(Preferences|Settings)…$/, 'CmdOrCtrl+,', 'preferences'],
      [/^Open SQL File…$/, 'CmdOrCtrl+O', 'openSqlFile'],
      [/^Save SQL File$/, 'CmdOrCtrl+Shift+S', 'saveSqlFile'],
      [/^Save SQL File As…$/, 'CmdOrCtrl+Alt+S', 'saveSqlFileAs'],
    ];
    for (const [label, accelerator, command] of expected) {
      const item = byLabel(label);
      expect(item?.accelerator).toBe(accelerator);
      (item?.click as () => void)();
      expect(sent.at(-1)).toBe(command);
    }
    expect(items.filter((item) => /^(Preferences|Settings)…$/.test(item.label ?? ''))).toHaveLength(1);
  });
});
