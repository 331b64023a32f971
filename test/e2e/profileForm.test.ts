import Database from 'better-sqlite3';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../shared/profile';
import { makeTempDir, type TempDir } from '../env';
import type { TestHost } from '../host/testHost';
import { value } from '../support/value';
import { openUi, type Ui } from './ui';

/** The page's computed style of an element (the test's Node types have no DOM, hence the narrow shape). */
const computed = (locator: Locator, property: string): Promise<string> =>
  locator.evaluate((element, name) => {
    const view = globalThis as unknown as { getComputedStyle(e: unknown): { getPropertyValue(n: string): string } };
    return view.getComputedStyle(element).getPropertyValue(name).trim();
  }, property);

const selectedLabel = (select: Locator): Promise<string | null> => select.locator('option:checked').textContent();

describe('e2e: environment, colour, safe mode and startup SQL in the connection form', () => {
  let dir: TempDir;
  let ui: Ui;
  let host: TestHost;
  let page: Page;

  const savedProfile = async (name: string): Promise<Profile> => {
    const profile = value<Profile[]>(await host.core.dispatch('profiles.list', {})).find((p) => p.name === name);
    if (!profile) throw new Error(`no saved profile named ${name}`);
    return profile;
  };
  const profileItem = (name: string): Locator => page.getByTestId('profile-item').filter({ hasText: name });
  const openEdit = async (name: string): Promise<Locator> => {
    // The Edit button shows on hover.
    await profileItem(name).hover();
    await profileItem(name).getByRole('button', { name: `Edit ${name}` }).click();
    const form = page.getByTestId('connection-form');
    await form.waitFor();
    return form;
  };

  beforeAll(async () => {
    dir = makeTempDir('e2e-profile-form');
    ui = await openUi(dir.join('data'), async (starting) => {
      value(await starting.core.dispatch('profiles.save', {
        name: 'No password', engine: 'postgres', host: 'db.invalid', passwordPolicy: 'none', safeMode: 'passwordForWrites',
      }));
    });
    ({ host, page } = ui);
    await page.getByTestId('profile-item').first().waitFor();
  });

  // A test that failed with the form open must not leave it covering the page for the next one.
  afterEach(async () => {
    const form = page.getByTestId('connection-form');
    if (await form.count()) await form.getByRole('button', { name: /^(Cancel|Close)$/ }).click();
  });

  afterAll(async () => {
    await ui?.stop();
    dir?.remove();
  });

  it('creates a production connection: safe mode turns to confirming changes, colour and startup SQL are saved, the sidebar tags it PROD', async () => {
    await page.getByRole('button', { name: 'New', exact: true }).click();
    const form = page.getByTestId('connection-form');
    await form.waitFor();
    await form.getByLabel('Name', { exact: true }).fill('Orders (prod)');
    await form.getByLabel('Host (as the last hop sees it)', { exact: true }).fill('orders.db.invalid');
    await form.getByLabel('Database', { exact: true }).fill('orders');
    await form.getByLabel('User', { exact: true }).fill('app');

    const environment = form.getByLabel('Environment', { exact: true });
    const safeMode = form.getByLabel('Safe mode', { exact: true });
    const noColour = form.getByLabel('No colour', { exact: true });
    expect(await environment.inputValue()).toBe('development');
    expect(await selectedLabel(safeMode)).toBe('Off');
    expect(await noColour.isChecked()).toBe(true);
    expect(await safeMode.locator('option').allTextContents()).toEqual([
      'Off', 'Confirm every statement', 'Confirm statements that change data', 'Ask for the database password before changes',
    ]);
    expect(await safeMode.locator('option[value="passwordForWrites"]').isDisabled()).toBe(false);

    await environment.selectOption('production');
    expect(await safeMode.inputValue()).toBe('confirmWrites');
    expect(await selectedLabel(safeMode)).toBe('Confirm statements that change data');
    expect(await form.locator('#profile-safe-mode-hint').textContent()).toMatch(/wait for your OK/);

    await form.getByLabel('Colour', { exact: true }).fill('#D64545');
    expect(await noColour.isChecked()).toBe(false);

    // A startup SQL over the core's limit is refused with the field named, like any other field.
    const startupSql = form.getByLabel('Startup SQL', { exact: true });
    await startupSql.fill('x'.repeat(65_537));
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('form-error').textContent()).toBe('VALIDATION: Startup SQL: startup SQL is at most 64 KB');
    // The field itself is marked, with the message under it, and takes the focus.
    expect(await form.getByTestId('field-error').allTextContents()).toEqual(['startup SQL is at most 64 KB']);
    await expect.poll(() => startupSql.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);

    await startupSql.fill('SET search_path TO app');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });

    expect(await savedProfile('Orders (prod)')).toMatchObject({
      environment: 'production', safeMode: 'confirmWrites', colour: '#d64545', startupSql: 'SET search_path TO app',
    });

    const item = profileItem('Orders (prod)');
    await expect.poll(() => item.getByTestId('env-tag').textContent()).toBe('PROD');
    expect(await computed(item, '--connection-colour')).toBe('#d64545');
    expect(await profileItem('Sample (SQLite)').getByTestId('env-tag').count()).toBe(0);

    // Reopened, the form shows what was saved; choosing production again leaves an explicit choice alone.
    const again = await openEdit('Orders (prod)');
    expect(await again.getByLabel('Environment', { exact: true }).inputValue()).toBe('production');
    expect(await again.getByLabel('Safe mode', { exact: true }).inputValue()).toBe('confirmWrites');
    expect(await again.getByLabel('Colour', { exact: true }).inputValue()).toBe('#d64545');
    expect(await again.getByLabel('No colour', { exact: true }).isChecked()).toBe(false);
    expect(await again.getByLabel('Startup SQL', { exact: true }).inputValue()).toBe('SET search_path TO app');

    await again.getByLabel('Safe mode', { exact: true }).selectOption('confirmAll');
    await again.getByLabel('Environment', { exact: true }).selectOption('staging');
    await again.getByLabel('Environment', { exact: true }).selectOption('production');
    expect(await again.getByLabel('Safe mode', { exact: true }).inputValue()).toBe('confirmAll');
    await again.getByLabel('No colour', { exact: true }).check();
    await again.getByRole('button', { name: 'Save' }).click();
    await again.waitFor({ state: 'detached' });
    expect(await savedProfile('Orders (prod)')).toMatchObject({ environment: 'production', safeMode: 'confirmAll', colour: null });
    await expect.poll(() => item.getAttribute('class')).toBe('profile');
  });

  it('offers no password check for a SQLite file; a staging Sample shows its tag and colour in the workspace and runs its startup SQL', async () => {
    const form = await openEdit('Sample (SQLite)');
    const safeMode = form.getByLabel('Safe mode', { exact: true });
    const passwordOption = safeMode.locator('option[value="passwordForWrites"]');
    expect(await passwordOption.isDisabled()).toBe(true);
    expect(await passwordOption.getAttribute('title')).toBe('SQLite files have no password to ask for');

    // Staging is tagged but does not change safe mode.
    await form.getByLabel('Environment', { exact: true }).selectOption('staging');
    expect(await safeMode.inputValue()).toBe('silent');
    await form.getByLabel('Colour', { exact: true }).fill('#e0a030');
    await form.getByLabel('Startup SQL', { exact: true }).fill('PRAGMA user_version = 7');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });

    const sample = await savedProfile('Sample (SQLite)');
    expect(sample).toMatchObject({ environment: 'staging', safeMode: 'silent', colour: '#e0a030', startupSql: 'PRAGMA user_version = 7' });
    await expect.poll(() => profileItem('Sample (SQLite)').getByTestId('env-tag').textContent()).toBe('STAGING');

    await profileItem('Sample (SQLite)').locator('.profile-open').click();
    await page.getByRole('tab', { name: /Sample \(SQLite\)/ }).first().waitFor({ timeout: 15_000 });
    const query = page.locator('section.query');
    expect(await query.getByRole('tablist').getByTestId('env-tag').textContent()).toBe('STAGING');
    expect(await computed(query, 'border-top-color')).toBe('rgb(224, 160, 48)');

    // The startup SQL ran after the login.
    const db = new Database(sample.database, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(7);
    } finally {
      db.close();
    }
  });

  it('warns when a connection without a password asks for one before changes, until it has a password', async () => {
    const form = await openEdit('No password');
    const safeMode = form.getByLabel('Safe mode', { exact: true });
    expect(await safeMode.inputValue()).toBe('passwordForWrites');
    expect(await safeMode.locator('option[value="passwordForWrites"]').isDisabled()).toBe(true);
    expect(await form.getByTestId('safe-mode-warning').textContent()).toBe('This connection has no password to ask for: choose another safe mode.');

    await form.getByLabel('Password storage', { exact: false }).selectOption('keychain');
    expect(await form.getByTestId('safe-mode-warning').count()).toBe(0);
    expect(await safeMode.locator('option[value="passwordForWrites"]').isDisabled()).toBe(false);
    await form.getByRole('button', { name: 'Cancel' }).click();
  });

  it('finds connections by any word of their name, group, engine, host or hops', async () => {
    const search = page.getByLabel('Search connections');
    const shown = () => page.getByTestId('profile-item').locator('.profile-name').allTextContents();
    const all = await shown();
    expect(all.length).toBeGreaterThan(2);
    await search.fill('SQLITE');
    await expect.poll(shown).toEqual(['Sample (SQLite)']);
    await search.fill('orders.db');
    await expect.poll(shown).toEqual(['Orders (prod)']);
    await search.fill('nothing like this');
    await expect.poll(() => page.getByTestId('no-search-match').textContent()).toBe('No connection matches “nothing like this”.');
    expect(await shown()).toEqual([]);
    await search.press('Escape');
    await expect.poll(shown).toEqual(all);
  });

  it('duplicates a connection into a new form, and deletes one only after asking', async () => {
    const dialogs: string[] = [];
    const answerDialogs = (dialog: { message(): string; accept(): Promise<void>; dismiss(): Promise<void> }): void => {
      dialogs.push(dialog.message());
      void (dialogs.length === 1 ? dialog.dismiss() : dialog.accept());
    };
    page.on('dialog', answerDialogs);
    try {
      const form = await openEdit('Orders (prod)');
      await form.getByRole('button', { name: 'Duplicate' }).click();
      await expect.poll(() => form.getByLabel('Name', { exact: true }).inputValue()).toBe('Orders (prod) copy');
      const copy = await savedProfile('Orders (prod) copy');
      const original = await savedProfile('Orders (prod)');
      expect([copy.host, copy.environment, copy.safeMode, copy.startupSql]).toEqual([original.host, original.environment, original.safeMode, original.startupSql]);
      expect(copy.id).not.toBe(original.id);
      await expect.poll(() => profileItem('Orders (prod) copy').count()).toBe(1);

      // The first question is dismissed: nothing is deleted.
      await form.getByRole('button', { name: 'Delete…' }).click();
      expect(dialogs[0]).toMatch(/^Delete the connection “Orders \(prod\) copy”\?/);
      expect(await form.count()).toBe(1);
      await savedProfile('Orders (prod) copy');
      await form.getByRole('button', { name: 'Delete…' }).click();
      await form.waitFor({ state: 'detached' });
      await expect.poll(() => profileItem('Orders (prod) copy').count()).toBe(0);
      expect(value<Profile[]>(await host.core.dispatch('profiles.list', {})).map((p) => p.name)).not.toContain('Orders (prod) copy');
      await savedProfile('Orders (prod)');
    } finally {
      page.off('dialog', answerDialogs);
    }
  });

  it('a read-only connection is tagged, its server refuses writes, and its tables offer no editing; SQL Server cannot be made read-only', async () => {
    const form = await openEdit('Sample (SQLite)');
    const readOnly = form.getByLabel('Read-only: the server refuses changes');
    expect(await readOnly.isChecked()).toBe(false);
    await readOnly.check();
    // The startup SQL of the test before writes; a read-only file would refuse it.
    await form.getByLabel('Startup SQL', { exact: true }).fill('');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    expect(await savedProfile('Sample (SQLite)')).toMatchObject({ readOnly: true });
    await expect.poll(() => profileItem('Sample (SQLite)').getByTestId('read-only-tag').textContent()).toBe('READ-ONLY');

    // A new login is read-only.
    for (const session of value<{ sessionId: string }[]>(await host.core.dispatch('sessions.list', {}))) value(await host.core.dispatch('sessions.close', { sessionId: session.sessionId }));
    await profileItem('Sample (SQLite)').locator('.profile-open').click();
    await page.getByRole('tab', { name: /Sample \(SQLite\)/ }).first().waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('section.query').getByRole('tablist').getByTestId('read-only-tag').count()).toBe(1);
    await page.locator('.cm-content').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('CREATE TABLE never_made (x int)');
    await page.keyboard.press('Escape');
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('query-error').textContent(), { timeout: 10_000 }).toMatch(/readonly database/);
    const tree = page.getByTestId('schema-tree');
    await tree.getByTitle(/^Browse (main\.)?customers$/).click({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('table-browser').getByTestId('read-only-note').textContent(), { timeout: 10_000 }).toBe('read-only connection');
    expect(await page.getByTestId('table-browser').getByRole('button', { name: '+ Row' }).count()).toBe(0);

    await page.getByRole('button', { name: 'New', exact: true }).click();
    const fresh = page.getByTestId('connection-form');
    await fresh.getByRole('combobox', { name: /^Engine/ }).selectOption('sqlserver');
    expect(await fresh.getByLabel('Read-only: the server refuses changes').isDisabled()).toBe(true);
  });
});
