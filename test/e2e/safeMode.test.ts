import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { value } from '../support/value';
import { makeTempDir, startPostgres, type PostgresServer, type TempDir } from '../env';
import { typeSql } from './editor';
import { openUi, type Ui } from './ui';

describe('e2e: safe mode asks before a run that may change data', () => {
  let dir: TempDir;
  let postgres: PostgresServer;
  let ui: Ui;
  let page: Page;

  /** What the server holds, read behind the UI's back. */
  const count = async (sql: string): Promise<string | null> => {
    const client = new pg.Client({ host: postgres.host, port: postgres.port, user: postgres.user, password: postgres.password, database: postgres.database });
    await client.connect();
    try {
      return (await client.query<{ n: string | null }>(sql)).rows[0]?.n ?? null;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    dir = makeTempDir('e2e-safe-mode');
    postgres = await startPostgres();
    ui = await openUi(dir.join('data'), async (host) => {
      const base = { engine: 'postgres', host: postgres.host, port: postgres.port, database: postgres.database, user: postgres.user, password: postgres.password, environment: 'production' };
      value(await host.core.dispatch('profiles.save', { ...base, name: 'Billing (confirm)', safeMode: 'confirmWrites' }));
      value(await host.core.dispatch('profiles.save', { ...base, name: 'Billing (password)', safeMode: 'passwordForWrites' }));
    });
    page = ui.page;
  });

  afterAll(async () => {
    await ui?.stop();
    await postgres?.stop();
    dir?.remove();
  });

  it('confirms writes, runs reads at once, and runs nothing when the user cancels', async () => {
    await page.getByRole('button', { name: /^Billing \(confirm\)/ }).click();
    await page.getByRole('tab', { name: /Billing \(confirm\)/ }).waitFor({ timeout: 15_000 });
    const dialog = page.getByTestId('safe-mode');
    await typeSql(page, 'SELECT 1 AS one; CREATE TABLE guarded (id int PRIMARY KEY)');
    await page.getByTestId('run').click();
    await expect.poll(() => dialog.locator('h2').textContent()).toBe('Run 1 statement that may change data on Billing (confirm) (production)?');
    expect(await dialog.locator('li').allTextContents()).toEqual(['CREATE TABLE guarded (id int PRIMARY KEY)']);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await dialog.count()).toBe(0);
    expect(await count("SELECT to_regclass('guarded')::text AS n")).toBeNull();

    await page.getByTestId('run').click();
    await dialog.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => count("SELECT to_regclass('guarded')::text AS n"), { timeout: 10_000 }).toBe('guarded');

    // A read runs without a question.
    await typeSql(page, 'SELECT 41 + 1 AS answer');
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('grid-row').first().locator('.cell').allTextContents(), { timeout: 10_000 }).toEqual(['42']);
    expect(await dialog.count()).toBe(0);
  });

  it('asks for the database password before a write, and a wrong one runs nothing', async () => {
    await page.getByRole('button', { name: /^Billing \(password\)/ }).click();
    await page.getByRole('tab', { name: /Billing \(password\)/ }).waitFor({ timeout: 15_000 });
    const dialog = page.getByTestId('safe-mode');
    await typeSql(page, 'INSERT INTO guarded VALUES (1)');
    await page.keyboard.press('Control+Enter');
    await dialog.getByLabel('Database password').fill('not it');
    await dialog.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('That is not the password this connection logged in with.');
    expect(await count('SELECT count(*)::text AS n FROM guarded')).toBe('0');
    await dialog.getByLabel('Database password').fill(postgres.password);
    await dialog.getByLabel('Database password').press('Enter');
    await expect.poll(() => count('SELECT count(*)::text AS n FROM guarded'), { timeout: 10_000 }).toBe('1');
    expect(await dialog.count()).toBe(0);
  });
});
