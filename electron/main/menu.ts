import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/contract';

/**
 * The application menu. Commands that act on the workspace go to the renderer as
 * `app.onMenuCommand`; the rest use Electron's standard roles.
 */
export function menuTemplate(platform: NodeJS.Platform, send: (command: MenuCommand) => void): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const command = (label: string, accelerator: string, name: MenuCommand): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => send(name),
  });
  const preferences = command(isMac ? 'Settings…' : 'Preferences…', 'CmdOrCtrl+,', 'preferences');
  return [
    ...(isMac
      ? [{ label: 'Burrow', submenu: [{ role: 'about' }, { type: 'separator' }, preferences, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] } as MenuItemConstructorOptions]
      : []),
    {
      label: 'File',
      submenu: [
        command('New Connection…', 'CmdOrCtrl+N', 'newConnection'),
        command('New Query Tab', 'CmdOrCtrl+T', 'newTab'),
        { type: 'separator' },
        command('Open SQL File…', 'CmdOrCtrl+O', 'openSqlFile'),
        command('Save SQL File', 'CmdOrCtrl+Shift+S', 'saveSqlFile'),
        command('Save SQL File As…', 'CmdOrCtrl+Alt+S', 'saveSqlFileAs'),
        { type: 'separator' },
        command('Close Tab', 'CmdOrCtrl+W', 'closeTab'),
        ...(isMac ? [] : [{ type: 'separator' } as MenuItemConstructorOptions, preferences, { type: 'separator' } as MenuItemConstructorOptions, { role: 'quit' } as MenuItemConstructorOptions]),
      ],
    },
    { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    {
      label: 'Query',
      submenu: [
        command('Run', 'CmdOrCtrl+Enter', 'run'),
        command('Run Statement', 'CmdOrCtrl+Shift+Enter', 'runStatement'),
        command('Cancel', 'CmdOrCtrl+.', 'cancel'),
      ],
    },
    { label: 'View', submenu: [command('Open Table…', 'CmdOrCtrl+P', 'openTable'), command('Next Tab', 'Ctrl+Tab', 'nextTab'), command('Previous Tab', 'Ctrl+Shift+Tab', 'previousTab'), { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { role: 'windowMenu' },
  ];
}
