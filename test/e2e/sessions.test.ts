import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../env';
import type { TestHost } from '../host/testHost';
import { value } from '../support/value';
import { typeSql } from './editor';
import { openUi, type Ui } from './ui';

describe('e2e: connecting and disconnecting', () => {
  let dir: TempDir;
  let ui: Ui;
  let host: TestHost;
  let page: Page;

  beforeAll(async () => {
    dir = makeTempDir('e2e-sessions');
    ui = await openUi(dir.join('data'));
    ({ host, page } = ui);
  });

  afterAll(async () => {
    await ui?.stop();
    dir?.remove();
  });

  const sample = () => page.getByTestId('profile-item').filter({ hasText: 'Sample (SQLite)' });
  const liveSessions = async (): Promise<number> => value<unknown[]>(await host.core.dispatch('sessions.list', {})).length;

  it('disconnects from the toolbar, keeping the tab; connecting again brings the tab back to life', async () => {
    await sample().getByRole('button', { name: /^Sample \(SQLite\)/ }).click();
    await page.getByRole('tab', { name: /Sample \(SQLite\)/ }).waitFor({ timeout: 15_000 });
    await expect.poll(() => sample().getByTestId('profile-live').textContent()).toBe(' · connected');
    expect(await liveSessions()).toBe(1);
    await typeSql(page, 'SELECT count(*) AS n FROM customers');

    await page.getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent()).toBe('disconnected');
    expect(await sample().getByTestId('profile-live').count()).toBe(0);
    expect(await liveSessions()).toBe(0);
    expect(await page.getByRole('tab', { name: /Sample \(SQLite\)/ }).count()).toBe(1);
    expect(await page.getByTestId('run').isDisabled()).toBe(true);

    await sample().getByRole('button', { name: /^Sample \(SQLite\)/ }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 15_000 }).toMatch(/^Sample \(SQLite\) · ready/);
    expect(await page.getByRole('tab', { name: /Sample \(SQLite\)/ }).count()).toBe(1);
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('grid-row').first().locator('.cell').allTextContents(), { timeout: 10_000 }).toEqual(['250']);
    // SQLite's plan comes from EXPLAIN QUERY PLAN.
    await typeSql(page, 'SELECT * FROM customers WHERE id = 3');
    await page.getByTestId('explain').click();
    await expect.poll(async () => (await page.getByTestId('grid-row').locator('.cell').allTextContents()).join(' '), { timeout: 10_000 }).toMatch(/SEARCH customers USING INTEGER PRIMARY KEY \(rowid=\?\)/);
  });

  it('a window opened while sessions are live (reloaded, or reopened on macOS) takes them in with their tabs', async () => {
    expect(await liveSessions()).toBe(1);
    // Typed just before the window goes: the edit is kept at once rather than after the usual pause.
    await typeSql(page, 'SELECT 7 AS last_words');
    await page.reload();
    await page.getByTestId('app-ready').waitFor();
    await expect.poll(() => page.getByRole('tab').allTextContents(), { timeout: 10_000 }).toEqual(['Sample (SQLite)×']);
    await expect.poll(() => page.getByTestId('run-status').textContent()).toMatch(/^Sample \(SQLite\) · ready/);
    await expect.poll(() => page.locator('.cm-content').textContent()).toBe('SELECT 7 AS last_words');
    expect(await sample().getByTestId('profile-live').textContent()).toBe(' · connected');
    expect(await liveSessions()).toBe(1);
  });

  it('closing the last tab of a session closes the session', async () => {
    expect(await liveSessions()).toBe(1);
    await page.getByRole('button', { name: 'New query tab' }).click();
    await expect.poll(() => page.getByRole('tab').count()).toBe(2);
    await page.getByRole('tab').first().getByRole('button', { name: /^Close / }).click();
    expect(await liveSessions()).toBe(1);
    await page.getByRole('tab').first().getByRole('button', { name: /^Close / }).click();
    await expect.poll(liveSessions, { timeout: 5_000 }).toBe(0);
    await expect.poll(() => sample().getByTestId('profile-live').count()).toBe(0);
  });
});
