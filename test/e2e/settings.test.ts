import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/createCore';
import { makeTempDir, type TempDir } from '../env';
import { MemoryKeychain } from '../env/memoryKeychain';
import { value } from '../support/value';
import { openUi, type Ui } from './ui';

describe('e2e: settings and saved secrets', () => {
  let dir: TempDir;
  let ui: Ui | null = null;

  beforeEach(() => {
    dir = makeTempDir('e2e-settings');
  });
  afterEach(async () => {
    await ui?.stop();
    ui = null;
    dir.remove();
  });

  it('says when saved passwords cannot be read, and starts a new vault only when asked, keeping the old file', async () => {
    // A password saved under one keychain's vault key, then Burrow started where that key is gone.
    const before = createCore({ dataDir: dir.join('data'), appVersion: '0.0.0-test', runtime: 'test-host', electronVersion: null, keychain: new MemoryKeychain() });
    await before.init();
    value(await before.dispatch('profiles.save', { name: 'Saved password', engine: 'postgres', host: '127.0.0.1', port: 5432, user: 'app', password: 's3cret', database: 'app' }));
    await before.close();

    ui = await openUi(dir.join('data'));
    const { page, host } = ui;
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    const notice = page.getByTestId('vault-notice');
    await expect.poll(() => notice.textContent()).toMatch(/^Saved passwords cannot be read: the vault key in the system keychain is missing or different\./);
    await notice.getByRole('button', { name: 'Details…' }).click();
    const settings = page.getByTestId('settings');
    await expect.poll(() => settings.getByTestId('vault-state').textContent()).toMatch(/^Not available: the vault key is missing from the system keychain/);
    expect(await settings.getByTestId('about').textContent()).toMatch(/Burrow 0\.0\.0-test.*native binding loaded/);
    // The shortcuts, written for this platform (Linux here: Ctrl).
    const shortcuts = await settings.getByTestId('shortcuts').locator('tr').allTextContents();
    expect(shortcuts).toContain('EditorCtrl+Shift+FFormat the selection, or the whole tab');
    expect(shortcuts.some((row) => row.includes('Mod'))).toBe(false);

    await settings.getByRole('button', { name: 'Start a new vault…' }).click();
    await expect.poll(() => settings.getByRole('status').textContent()).toMatch(/^Started a new vault\. The unreadable one is kept as .*vault\.json\.unreadable-/);
    expect(dialogs).toEqual([expect.stringMatching(/^Start a new, empty vault\?/)]);
    const keptAs = (await settings.getByRole('status').textContent())!.replace(/^.* kept as (.*)\.$/, '$1');
    expect(existsSync(keptAs)).toBe(true);
    await expect.poll(() => settings.getByTestId('vault-state').textContent()).toBe('Ready');
    expect(await settings.getByRole('button', { name: 'Start a new vault…' }).count()).toBe(0);
    expect(await notice.count()).toBe(0);
    expect(value(await host.core.dispatch('vault.status', {}))).toMatchObject({ state: 'ready', secretCount: 0 });
    await settings.getByRole('button', { name: 'Close' }).click();

    // The menu's Preferences… (Settings… on macOS) opens the same dialog.
    host.menuCommand('preferences');
    await expect.poll(() => page.getByTestId('settings').getByTestId('vault-state').textContent()).toBe('Ready');
  });

  it('says that nothing is saved without a system keychain, and offers no reset', async () => {
    const keychain = new MemoryKeychain();
    keychain.available = false;
    ui = await openUi(dir.join('data'), async () => {}, undefined, keychain);
    const { page } = ui;
    await expect.poll(() => page.getByTestId('vault-notice').textContent()).toMatch(/^Passwords are not saved: there is no system keychain, so Burrow asks each time\./);
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByTestId('settings');
    await expect.poll(() => settings.textContent()).toMatch(/Start or unlock a keychain/);
    expect(await settings.getByRole('button', { name: 'Start a new vault…' }).count()).toBe(0);
  });

  it('follows the system\'s light or dark colours, or the one chosen in Settings, and keeps the choice', async () => {
    ui = await openUi(dir.join('data'));
    const { page } = ui;
    const background = () => page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { documentElement: object }; getComputedStyle(element: object): { backgroundColor: string } });
      return doc.getComputedStyle(doc.document.documentElement).backgroundColor;
    });
    const light = 'rgb(255, 255, 255)';
    const dark = 'rgb(22, 24, 29)';
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(background).toBe(light);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(background).toBe(dark);

    ui.host.menuCommand('preferences');
    const settings = page.getByTestId('settings');
    await settings.getByLabel('Colours').selectOption('light');
    await expect.poll(background).toBe(light);
    // The choice outlasts a restart of the window, whatever the system says.
    await page.reload();
    await expect.poll(background).toBe(light);
    ui.host.menuCommand('preferences');
    expect(await settings.getByLabel('Colours').inputValue()).toBe('light');
    await settings.getByLabel('Colours').selectOption('system');
    await expect.poll(background).toBe(dark);
  });
});
