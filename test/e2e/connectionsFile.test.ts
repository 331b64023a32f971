import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../shared/profile';
import { makeTempDir, type TempDir } from '../env';
import { value } from '../support/value';
import { openUi, type Ui } from './ui';

describe('e2e: a saved connection\'s menu, and connections files', () => {
  let dir: TempDir;
  let ui: Ui;
  let bundlePath: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-connections-file');
    bundlePath = dir.join('team-connections.json');
    // The host's dialogs answer with the one file this test works with.
    const platform = { pickFile: async () => bundlePath, pickSavePath: async () => bundlePath };
    ui = await openUi(dir.join('data'), async (host) => {
      value(await host.core.dispatch('profiles.save', {
        name: 'Orders DB', engine: 'postgres', host: 'db.internal', port: 5432, database: 'orders', user: 'app', password: 's3cret-pw', group: ['Team'],
      }));
    }, platform);
    await ui.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(ui.host.url).origin });
  });
  afterAll(async () => {
    await ui?.stop();
    dir?.remove();
  });

  const names = async (): Promise<string[]> => value<Profile[]>(await ui.host.core.dispatch('profiles.list', {})).map((p) => p.name).sort();
  const openMenu = async (name: string) => {
    await ui.page.getByTestId('profile-item').filter({ hasText: name }).click({ button: 'right' });
    return ui.page.getByTestId('profile-menu');
  };

  it('copies the URL without the password, exports to a file without secrets, and deletes after asking', async () => {
    const { page } = ui;
    let menu = await openMenu('Orders DB');
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Connect', 'Edit…', 'Duplicate', 'Copy URL', 'Export…', 'Delete…']);
    await menu.getByRole('menuitem', { name: 'Copy URL' }).click();
    await expect.poll(() => page.getByTestId('sidebar-note').textContent()).toBe('Copied the URL of “Orders DB” (without its password).');
    const url = await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
    expect(url).toBe('postgresql://app@db.internal:5432/orders');

    menu = await openMenu('Orders DB');
    await menu.getByRole('menuitem', { name: 'Export…' }).click();
    await expect.poll(() => page.getByTestId('sidebar-note').textContent()).toBe(`Exported “Orders DB” to ${bundlePath} (no passwords or keys in it).`);
    const text = readFileSync(bundlePath, 'utf8');
    expect(text).toContain('"Orders DB"');
    expect(text).not.toContain('s3cret-pw');
    expect(statSync(bundlePath).mode & 0o777).toBe(0o600);

    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    menu = await openMenu('Orders DB');
    await menu.getByRole('menuitem', { name: 'Delete…' }).click();
    await expect.poll(() => page.getByTestId('sidebar-note').textContent()).toBe('Deleted “Orders DB”.');
    expect(asked).toEqual([expect.stringMatching(/^Delete the connection “Orders DB”\?/)]);
    expect(await names()).toEqual(['Sample (SQLite)']);
    await expect.poll(() => page.getByTestId('profile-item').filter({ hasText: 'Orders DB' }).count()).toBe(0);
  });

  it('imports a connections file after showing what it holds, then replaces on a second import when asked', async () => {
    const { page } = ui;
    expect(existsSync(bundlePath)).toBe(true);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const panel = page.getByTestId('import-panel');
    await panel.getByRole('button', { name: 'Connections file' }).click();
    await panel.getByRole('button', { name: 'Open a connections file…' }).click();
    await expect.poll(() => panel.getByTestId('bundle-profile').allTextContents()).toEqual(['Orders DB']);
    await panel.getByRole('button', { name: 'Import 1' }).click();
    await expect.poll(() => panel.getByTestId('bundle-status').textContent()).toMatch(/^Imported: 1 added, 0 replaced, 0 renamed\./);
    expect(await names()).toEqual(['Orders DB', 'Sample (SQLite)']);
    await expect.poll(() => page.getByTestId('profile-item').filter({ hasText: 'Orders DB' }).count()).toBe(1);

    // The same file again: the preview names the connection it would meet, and Replace keeps one copy.
    await panel.getByRole('button', { name: 'Open a connections file…' }).click();
    await expect.poll(() => panel.getByTestId('bundle-profile').allTextContents()).toEqual(['Orders DB · already here as “Orders DB”']);
    await panel.getByLabel('1 already here').selectOption('replace');
    await panel.getByRole('button', { name: 'Import 1' }).click();
    await expect.poll(() => panel.getByTestId('bundle-status').textContent()).toMatch(/^Imported: 0 added, 1 replaced, 0 renamed\./);
    expect(await names()).toEqual(['Orders DB', 'Sample (SQLite)']);
  });

  it('folds a group of connections, keeps it folded across a reload, and shows its matches while searching', async () => {
    const { page } = ui;
    // The import panel of the test before is still open.
    const panel = page.getByTestId('import-panel');
    if (await panel.count()) await panel.getByRole('button', { name: 'Close', exact: true }).click();
    const orders = () => page.getByTestId('profile-item').filter({ hasText: 'Orders DB' });
    const group = page.getByRole('button', { name: /Team/ });
    expect(await group.getAttribute('aria-expanded')).toBe('true');
    await group.click();
    await expect.poll(() => orders().count()).toBe(0);
    expect(await group.textContent()).toBe('▸ Team (1)');
    await page.getByLabel('Search connections').fill('orders');
    await expect.poll(() => orders().count()).toBe(1);
    await page.getByLabel('Search connections').fill('');
    await expect.poll(() => orders().count()).toBe(0);
    await page.reload();
    await page.getByTestId('app-ready').waitFor();
    await expect.poll(() => page.getByRole('button', { name: /Team/ }).getAttribute('aria-expanded')).toBe('false');
    expect(await orders().count()).toBe(0);
    await page.getByRole('button', { name: /Team/ }).click();
    await expect.poll(() => orders().count()).toBe(1);
  });
});
