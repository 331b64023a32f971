import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { value } from '../support/value';
import { generateKey, makeTempDir, startPostgres, startSshd, type PostgresServer, type SshdServer, type TempDir } from '../env';
import type { TestHost } from '../host/testHost';
import { acceptCompletion, typeSql } from './editor';
import { openUi, type Ui } from './ui';


/** Replaces the editor's text the way a user would: select all, type. */
/** The page's clipboard text (the test's Node types have no DOM, so the page's navigator is typed here). */
/** Opens a table of the front tab's session in a browser tab with Mod+P (Open Table), from the editor. */
async function openTableByName(page: Page, name: string): Promise<void> {
  await page.locator('.cm-content').focus();
  await page.keyboard.press('Control+P');
  await page.getByTestId('open-table').getByLabel('Table name').fill(name);
  await page.keyboard.press('Enter');
}

const readClipboard = (page: Page): Promise<string> =>
  page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());

type RunState = { state: string; runId: string; results: { resultId: string }[]; error: { code: string; message: string } | null };

/** Runs SQL on a session behind the UI's back and answers the first result's rows. */
async function runSql(host: TestHost, connectionId: string, sql: string): Promise<unknown[][]> {
  let status = value<RunState>(await host.core.dispatch('query.run', { connectionId, sql }));
  while (status.state === 'queued' || status.state === 'running') status = value<RunState>(await host.core.dispatch('query.status', { runId: status.runId, waitMs: 5_000 }));
  if (status.state !== 'done') throw new Error(`${sql}: ${status.state} ${status.error?.code}: ${status.error?.message}`);
  const first = status.results[0];
  return first ? value<{ rows: unknown[][] }>(await host.core.dispatch('query.rows', { resultId: first.resultId, offset: 0, limit: 100 })).rows : [];
}

describe('e2e: connect and query through the real UI', () => {
  let dir: TempDir;
  let ui: Ui;
  let host: TestHost;
  let page: Page;
  let sshd: SshdServer;
  let postgres: PostgresServer;
  let exportTarget: string | null = null;
  /** What the open-file dialog answers (null: the user cancelled). */
  let pickTarget: string | null = null;
  /** While pending, the save dialog stays open (the user has not answered yet). */
  let saveDialogOpen: Promise<void> = Promise.resolve();
  const suggestedNames: string[] = [];

  beforeAll(async () => {
    dir = makeTempDir('e2e-workspace');
    const key = await generateKey(dir.path, 'id_ed25519');
    [sshd, postgres] = await Promise.all([startSshd({ authorizedKeys: [key.publicKey] }), startPostgres()]);
    // The save dialog answers with `exportTarget` (null: the user cancelled).
    const platform = {
      pickFile: async () => pickTarget,
      pickSavePath: async (name: string) => {
        suggestedNames.push(name);
        await saveDialogOpen;
        return exportTarget;
      },
    };
    ui = await openUi(dir.join('data'), async (starting) => {
      const imported = value<{ id: string }>(await starting.core.dispatch('keys.import', { source: { kind: 'path', path: key.privateKeyPath } }));
      value(await starting.core.dispatch('profiles.save', {
        name: 'Staging over SSH', engine: 'postgres', host: postgres.host, port: postgres.port, database: postgres.database,
        user: postgres.user, password: postgres.password, group: ['Staging'],
        ssh: { hops: [{ id: 'bastion', host: sshd.host, port: sshd.port, username: sshd.account.username, auth: [{ type: 'publickey', keyId: imported.id }] }] },
      }));
    }, platform);
    ({ host, page } = ui);
  });

  afterAll(async () => {
    await ui?.stop();
    await Promise.all([sshd?.stop(), postgres?.stop()]);
    dir?.remove();
  });

  it('opens the sample SQLite database and pages through a result in the grid', async () => {
    await page.getByRole('button', { name: /Sample \(SQLite\)/ }).click();
    await page.getByTestId('sql-editor').waitFor();
    await typeSql(page, 'SELECT id, name, note FROM customers c LEFT JOIN (SELECT customer_id, note FROM orders WHERE note IS NOT NULL GROUP BY customer_id) o ON o.customer_id = c.id ORDER BY id');
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 15_000 }).toBe('250 rows');
    const firstRow = page.getByTestId('grid-row').first();
    await expect.poll(() => firstRow.locator('.cell').first().textContent()).toBe('1');
    // NULL reads as NULL, distinct from an empty string.
    expect(await page.locator('.cell-null').count()).toBeGreaterThan(0);
    // Rows 1-3 selected by click and Shift+click, copied as TSV (NULL stays NULL, headers with Shift).
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.url).origin });
    await page.getByTestId('grid-row').nth(0).click();
    await page.getByTestId('grid-row').nth(2).click({ modifiers: ['Shift'] });
    expect(await page.locator('.grid-row.selected').count()).toBe(3);
    await page.keyboard.press('Control+Shift+C');
    await expect.poll(() => page.getByTestId('copy-status').textContent()).toBe('Copied 3 rows.');
    const copied = (await readClipboard(page)).split('\n');
    expect(copied).toHaveLength(4);
    expect(copied[0]).toBe('id\tname\tnote');
    expect(copied.slice(1).map((line: string) => line.split('\t')[0])).toEqual(['1', '2', '3']);
    // Arrows move the selection, Shift grows it; End goes to the last row and scrolls it into view.
    await page.keyboard.press('Shift+ArrowDown');
    expect(await page.locator('.grid-row.selected').count()).toBe(4);
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('.grid-row.selected .cell').first().textContent()).toBe('5');
    await page.keyboard.press('End');
    await expect.poll(() => page.locator('.grid-row.selected .cell').first().textContent()).toBe('250');
    // Mod+A then Mod+C takes every row from the store, not only the ones on screen.
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    await expect.poll(() => page.getByTestId('copy-status').textContent()).toBe('Copied 250 rows.');
    expect((await readClipboard(page)).split('\n')).toHaveLength(250);
    // Export CSV…: a cancelled dialog says nothing; a chosen file gets every row, with headers.
    await page.getByRole('button', { name: 'Export CSV…' }).click();
    await expect.poll(() => suggestedNames.length).toBe(1);
    expect(suggestedNames[0]).toMatch(/^result-\d{8}-\d{6}\.csv$/);
    expect(await page.getByTestId('export-status').count()).toBe(0);
    exportTarget = dir.join('customers.csv');
    await page.getByRole('button', { name: 'Export CSV…' }).click();
    await expect.poll(() => page.getByTestId('export-status').textContent(), { timeout: 10_000 }).toMatch(/^Exported 250 rows \(.+\) to .*customers\.csv$/);
    const lines = readFileSync(exportTarget, 'utf8').split('\r\n');
    expect(lines[0]).toBe('id,name,note');
    expect(lines.filter(Boolean)).toHaveLength(251);
    expect(lines[1]).toMatch(/^1,/);
    // Export JSON…: an array of objects keyed by column; integers as numbers, NULL as null.
    exportTarget = dir.join('customers.json');
    await page.getByRole('button', { name: 'Export JSON…' }).click();
    await expect.poll(() => page.getByTestId('export-status').textContent(), { timeout: 10_000 }).toMatch(/^Exported 250 rows \(.+\) to .*customers\.json$/);
    expect(suggestedNames.at(-1)).toMatch(/^result-\d{8}-\d{6}\.json$/);
    const objects = JSON.parse(readFileSync(exportTarget, 'utf8')) as Record<string, unknown>[];
    expect(objects).toHaveLength(250);
    expect(Object.keys(objects[0]!)).toEqual(['id', 'name', 'note']);
    expect(objects.map((row) => row.id)).toEqual(Array.from({ length: 250 }, (_v, i) => i + 1));
    expect(objects.some((row) => row.note === null)).toBe(true);
    expect(objects.every((row) => typeof row.name === 'string')).toBe(true);
  });

  it('shows the schema tree and browses a table a page at a time, sorted and filtered', async () => {
    const tree = page.getByTestId('schema-tree');
    await expect.poll(() => tree.getByTestId('tree-table').count(), { timeout: 10_000 }).toBe(5);
    await tree.getByLabel('Filter tables').fill('ord');
    await expect.poll(() => tree.locator('.tree-name').allTextContents()).toEqual(['▦ order_items', '◇ order_totals', '▦ orders']);
    await tree.getByRole('button', { name: /^Expand (main\.)?orders$/ }).click();
    expect(await tree.getByTestId('tree-column').allTextContents()).toEqual([
      'PK id INTEGER not null', 'customer_id INTEGER not null', 'status TEXT not null', 'ordered_at TEXT not null', 'note TEXT',
    ]);
    await tree.getByTitle(/^Browse (main\.)?orders$/).click();
    await page.getByRole('tab', { name: /▦ orders/ }).waitFor();
    const browser = page.getByTestId('table-browser');
    const range = browser.getByTestId('browse-range');
    await expect.poll(() => range.textContent(), { timeout: 10_000 }).toBe('rows 1–300');
    expect(await browser.getByTestId('browse-row').count()).toBe(300);
    // A small table is counted without asking; paging keeps the count.
    const count = browser.getByTestId('browse-count');
    await expect.poll(() => count.textContent()).toBe('of 1,500');
    await browser.getByRole('button', { name: 'Next ▶' }).click();
    await expect.poll(() => range.textContent()).toBe('rows 301–600');
    expect(await count.textContent()).toBe('of 1,500');
    expect(await browser.getByTestId('browse-row').first().locator('td').nth(1).textContent()).toBe('301');
    // Sorting goes back to the first page: ascending, then descending.
    await browser.getByRole('button', { name: 'id', exact: true }).click();
    await browser.getByRole('button', { name: 'id ▲' }).click();
    await expect.poll(() => browser.getByTestId('browse-row').first().locator('td').nth(1).textContent()).toBe('1500');
    expect(await range.textContent()).toBe('rows 1–300');
    await browser.getByLabel('Filter column').selectOption('customer_id');
    await browser.getByLabel('Filter value').fill('7');
    await browser.getByRole('button', { name: 'Add filter' }).click();
    await expect.poll(() => range.textContent()).toBe('rows 1–11 (end)');
    await expect.poll(() => count.textContent()).toBe('of 11');
    expect(await browser.getByTestId('filter-chip').textContent()).toMatch(/^customer_id = 7/);
    const cells = await browser.getByTestId('browse-row').evaluateAll((rows) => rows.map((row) => row.querySelectorAll('td')[2]?.textContent));
    expect(new Set(cells)).toEqual(new Set(['7']));
    await browser.getByLabel('Filter value').fill('x');
    await browser.getByLabel('Filter operator').selectOption('<');
    await browser.getByLabel('Filter column').selectOption('ordered_at');
    await browser.getByRole('button', { name: 'Remove filter 1' }).click();
    await expect.poll(() => range.textContent()).toBe('rows 1–300');
    // Right-click a cell: filter by its value.
    const customerCell = browser.getByTestId('browse-row').first().locator('td').nth(2);
    const customer = (await customerCell.textContent())!;
    await customerCell.click({ button: 'right' });
    // Escape closes the menu; the first item has the focus, so Enter takes it.
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('cell-menu').count()).toBe(0);
    await customerCell.click({ button: 'right' });
    await expect.poll(() => page.getByTestId('cell-menu').getByRole('menuitem').first().textContent()).toBe(`Filter: customer_id = ${customer}`);
    await page.keyboard.press('Enter');
    await expect.poll(() => browser.getByTestId('filter-chip').textContent()).toMatch(new RegExp(`^customer_id = ${customer}`));
    await expect.poll(async () => new Set(await browser.getByTestId('browse-row').evaluateAll((rows) => rows.map((row) => row.querySelectorAll('td')[2]?.textContent)))).toEqual(new Set([customer]));
    await browser.getByRole('button', { name: 'Remove filter 1' }).click();
    await expect.poll(() => range.textContent()).toBe('rows 1–300');
    await page.getByRole('button', { name: 'Close orders' }).click();
  });

  it('follows a foreign key from a cell to the row it references, and back to the rows that reference it', async () => {
    const tree = page.getByTestId('schema-tree');
    await tree.getByLabel('Filter tables').fill('');
    await tree.getByTitle(/^Browse (main\.)?orders$/).click();
    await page.getByRole('tab', { name: /▦ orders/ }).waitFor();
    let browser = page.getByTestId('table-browser');
    await expect.poll(() => browser.getByTestId('browse-range').textContent(), { timeout: 10_000 }).toBe('rows 1–300');
    const first = browser.getByTestId('browse-row').first();
    const customer = (await first.locator('td').nth(2).textContent())!;
    // Only the foreign key's cell links; the arrow takes no text from the cell.
    expect(await first.locator('td').nth(1).locator('.fk-link').count()).toBe(0);
    await first.locator('td').nth(2).getByRole('button', { name: `Open customers where id = ${customer}` }).click();
    await page.getByRole('tab', { name: /▦ customers/ }).waitFor();
    browser = page.getByTestId('table-browser');
    await expect.poll(() => browser.getByTestId('browse-range').textContent(), { timeout: 10_000 }).toBe('rows 1–1 (end)');
    expect(await browser.getByTestId('filter-chip').textContent()).toMatch(new RegExp(`^id = ${customer}`));
    expect(await browser.getByTestId('browse-row').first().locator('td').nth(1).textContent()).toBe(customer);
    // The way back: the orders of this customer, from the key cell's menu.
    await browser.getByTestId('browse-row').first().locator('td').nth(1).click({ button: 'right' });
    await page.getByTestId('cell-menu').getByRole('menuitem', { name: `Rows of orders where customer_id = ${customer}` }).click();
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).toBe('▦ orders×');
    browser = page.getByTestId('table-browser');
    await expect.poll(() => browser.getByTestId('filter-chip').textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^customer_id = ${customer}`));
    const ordered = await runSql(host, value<{ sessionId: string; profileName: string }[]>(await host.core.dispatch('sessions.list', {})).find((s) => s.profileName === 'Sample (SQLite)')!.sessionId,
      `SELECT count(*) FROM orders WHERE customer_id = ${Number(customer)}`);
    await expect.poll(() => browser.getByTestId('browse-row').count()).toBe(Number(ordered[0]![0]));
    expect(new Set(await browser.getByTestId('browse-row').evaluateAll((rows) => rows.map((row) => row.querySelectorAll('td')[2]?.textContent)))).toEqual(new Set([customer]));
    for (const name of ['orders', 'customers', 'orders']) await page.getByRole('button', { name: `Close ${name}` }).first().click();
    expect(await page.getByRole('tab', { name: /▦/ }).count()).toBe(0);
  });

  it('opens a browser\'s table, filters and sort as SQL in a new query tab, which runs to the same rows', async () => {
    const tree = page.getByTestId('schema-tree');
    await tree.getByTitle(/^Browse (main\.)?orders$/).click();
    await page.getByRole('tab', { name: /▦ orders/ }).waitFor();
    const browser = page.getByTestId('table-browser');
    await browser.getByLabel('Filter column').selectOption('customer_id');
    await browser.getByLabel('Filter value').fill('7');
    await browser.getByRole('button', { name: 'Add filter' }).click();
    await expect.poll(() => browser.getByTestId('browse-count').textContent(), { timeout: 10_000 }).toBe('of 11');
    await browser.getByRole('button', { name: 'id', exact: true }).click();
    await browser.getByRole('button', { name: 'id ▲' }).waitFor();
    await browser.getByRole('button', { name: 'Open as SQL' }).click();
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).toBe('orders×');
    await expect.poll(() => page.locator('.cm-line').allTextContents()).toEqual(['SELECT *', 'FROM "main"."orders"', 'WHERE "customer_id" = \'7\'', 'ORDER BY "id" ASC']);
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 10_000 }).toBe('11 rows');
    await page.getByRole('tab', { selected: true }).getByRole('button', { name: 'Close orders' }).click();
    await page.getByRole('tab', { name: /▦ orders/ }).getByRole('button', { name: 'Close orders' }).click();
    expect(await page.getByRole('tab', { name: /▦/ }).count()).toBe(0);
  });

  it('shows a table\'s structure (columns, indexes, foreign keys) and opens a referenced table from it', async () => {
    const tree = page.getByTestId('schema-tree');
    await tree.getByTitle(/^Browse (main\.)?orders$/).click();
    await page.getByRole('tab', { name: /▦ orders/ }).waitFor();
    const browser = page.getByTestId('table-browser');
    await browser.getByRole('button', { name: 'Structure' }).click();
    const structure = browser.getByTestId('table-structure');
    const rows = (testId: string) => structure.getByTestId(testId).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => {
      const cells = tr.querySelectorAll('td:not(.row-actions)');
      const texts: (string | null | undefined)[] = [];
      for (let i = 0; i < cells.length; i++) texts.push(cells[i]?.textContent);
      return texts;
    }));
    expect(await rows('structure-columns')).toEqual([
      ['1', 'id', 'INTEGER', 'no', '—', 'PK'],
      ['2', 'customer_id', 'INTEGER', 'no', '—', ''],
      ['3', 'status', 'TEXT', 'no', '—', ''],
      ['4', 'ordered_at', 'TEXT', 'no', '—', ''],
      ['5', 'note', 'TEXT', 'yes', '—', ''],
    ]);
    expect(await rows('structure-indexes')).toEqual(expect.arrayContaining([['orders_customer', 'customer_id', ''], ['orders_ordered_at', 'ordered_at', '']]));
    expect(await rows('structure-foreign-keys')).toEqual([[expect.any(String), 'customer_id', 'customers (id)']]);
    // Paging belongs to the data: the structure has none.
    expect(await browser.getByTestId('browse-range').count()).toBe(0);
    await structure.getByRole('button', { name: 'customers' }).click();
    await page.getByRole('tab', { name: /▦ customers/ }).waitFor();
    await expect.poll(() => page.getByTestId('table-browser').getByTestId('browse-range').textContent(), { timeout: 10_000 }).toBe('rows 1–250 (end)');
    await page.getByRole('button', { name: 'Close customers' }).click();
    await page.getByRole('button', { name: 'Close orders' }).click();
    expect(await page.getByRole('tab', { name: /▦/ }).count()).toBe(0);
  });

  it('connects over SSH: the host key prompt shows the fingerprint, trust is remembered, the query runs', async () => {
    await page.getByRole('button', { name: /Staging over SSH/ }).click();
    const prompt = page.getByTestId('prompt-hostKey');
    await prompt.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('host-key-fingerprint').textContent()).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    await page.getByRole('button', { name: 'Trust and remember' }).click();
    await page.getByRole('tab', { name: /Staging over SSH/ }).waitFor();
    await typeSql(page, 'SELECT g AS n, NULL AS nothing, \'\' AS empty FROM generate_series(1, 5000) g');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 15_000 }).toBe('1,000 rows (limited)');
    // The same SQL again without the profile's row limit.
    await page.getByTestId('fetch-all').click();
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 15_000 }).toBe('5,000 rows');
    expect(await page.getByTestId('fetch-all').count()).toBe(0);
    await expect.poll(() => page.getByTestId('grid-row').first().locator('.cell').allTextContents()).toEqual(['1', 'NULL', '']);
    // Scroll to the end: the grid fetches that window from the main process.
    await page.locator('.grid-body').evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await expect.poll(() => page.getByTestId('grid-row').last().locator('.cell').first().textContent()).toBe('5000');
    const known = value<{ host: string; port: number }[]>(await host.core.dispatch('knownHosts.list', {}));
    expect(known.map((k) => `${k.host}:${k.port}`)).toEqual([`${sshd.host}:${sshd.port}`]);
    // No hop of this profile keeps an SSH log, and the dialog says how to get one.
    await page.getByRole('button', { name: 'SSH log' }).click();
    await expect.poll(() => page.getByTestId('ssh-log').locator('.empty').textContent()).toMatch(/^No hop of this connection keeps a log/);
    await page.getByTestId('ssh-log').getByRole('button', { name: 'Close' }).click();
  });

  it('shows a query error with its code, and the session stays usable', async () => {
    await typeSql(page, 'SELECT * FROM no_such_table');
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('query-error').textContent(), { timeout: 10_000 }).toMatch(/no_such_table.* at line 1, column 15/);
    // The cursor went to the place the server named: typing lands right before the table name.
    await page.keyboard.type('x');
    expect(await page.locator('.cm-content').textContent()).toBe('SELECT * FROM xno_such_table');
    await typeSql(page, 'SELECT 7 AS seven');
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('grid-row').first().locator('.cell').allTextContents(), { timeout: 10_000 }).toEqual(['7']);
  });

  it('runs only the selected statement, and a server error position lands inside the selection', async () => {
    await typeSql(page, 'SELECT 1 AS first; SELECT 2 AS second');
    // Select "SELECT 2 AS second" (the last 18 characters) with Shift+Left.
    await page.keyboard.press('End');
    for (let i = 0; i < 18; i++) await page.keyboard.press('Shift+ArrowLeft');
    const run = page.getByTestId('run');
    await expect.poll(() => run.textContent()).toBe('Run selection');
    await run.click();
    await expect.poll(() => page.getByTestId('grid-row').first().locator('.cell').allTextContents(), { timeout: 10_000 }).toEqual(['2']);
    expect(await page.locator('.result-tabs button').count()).toBe(0);
    // An error in a selection: the cursor goes to its place in the whole text, not in the selection.
    await typeSql(page, 'SELECT 1; SELECT * FROM nowhere_at_all');
    await page.keyboard.press('End');
    for (let i = 0; i < 'SELECT * FROM nowhere_at_all'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    await run.click();
    await expect.poll(() => page.getByTestId('query-error').textContent(), { timeout: 10_000 }).toMatch(/nowhere_at_all/);
    // PostgreSQL counts from the selection's start; the text also names the place in the editor.
    expect(await page.getByTestId('query-error').textContent()).toMatch(/at line 1, column 15 \(line 1, column 25 in the editor\)$/);
    await page.keyboard.type('x');
    expect(await page.locator('.cm-content').textContent()).toBe('SELECT 1; SELECT * FROM xnowhere_at_all');
  });

  it('runs the statement at the cursor (Mod+Shift+Enter or Run statement), and its error lands in the editor', async () => {
    await typeSql(page, 'SELECT 1 AS first; SELECT 2 AS second; SELECT 3 AS third');
    await page.keyboard.press('Home');
    for (let i = 0; i < 'SELECT 1 AS first; SEL'.length; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Control+Shift+Enter');
    await expect.poll(() => page.locator('.grid-header').textContent(), { timeout: 10_000 }).toBe('#second');
    await expect.poll(() => page.getByTestId('grid-row').first().locator('.cell').allTextContents(), { timeout: 10_000 }).toEqual(['2']);
    expect(await page.locator('.result-tabs button').count()).toBe(0);
    await page.keyboard.press('End');
    await page.getByTestId('run-statement').click();
    await expect.poll(() => page.locator('.grid-header').textContent(), { timeout: 10_000 }).toBe('#third');
    // In the app the menu's accelerator takes Mod+Shift+Enter first: its command runs the same statement.
    await page.locator('.cm-content').focus();
    await page.keyboard.press('Home');
    host.menuCommand('runStatement');
    await expect.poll(() => page.locator('.grid-header').textContent(), { timeout: 10_000 }).toBe('#first');
    await typeSql(page, 'SELECT 1; SELECT * FROM absent_table');
    await page.keyboard.press('Control+Shift+Enter');
    await expect.poll(() => page.getByTestId('query-error').textContent(), { timeout: 10_000 }).toMatch(/absent_table.*at line 1, column 15 \(line 1, column 25 in the editor\)$/);
    await page.keyboard.type('x');
    expect(await page.locator('.cm-content').textContent()).toBe('SELECT 1; SELECT * FROM xabsent_table');
  });

  it('explains the statement at the cursor without running it, and an error in it lands in the editor', async () => {
    await typeSql(page, 'SELECT 1 AS a; SELECT g FROM generate_series(1, 10) g WHERE g > 5');
    await page.getByTestId('explain').click();
    await expect.poll(() => page.locator('.grid-header').textContent(), { timeout: 10_000 }).toBe('#QUERY PLAN');
    // The rows' window may still be on its way after the header shows.
    await expect.poll(async () => (await page.getByTestId('grid-row').locator('.cell').allTextContents()).join('\n'), { timeout: 10_000 }).toMatch(/Function Scan on generate_series g[\s\S]*Filter: \(g > 5\)/);
    await typeSql(page, 'SELECT 1; SELECT * FROM absent_explain');
    await page.getByTestId('explain').click();
    await expect.poll(() => page.getByTestId('query-error').textContent(), { timeout: 10_000 }).toMatch(/absent_explain.* at line 1, column 23 \(line 1, column 25 in the editor\)$/);
    await page.keyboard.type('x');
    expect(await page.locator('.cm-content').textContent()).toBe('SELECT 1; SELECT * FROM xabsent_explain');
  });

  it('formats the SQL in the session\'s dialect (Mod+Shift+F or Format), as one change that undo takes back', async () => {
    const lines = () => page.locator('.cm-line').allTextContents();
    await typeSql(page, "select id, 'a;b' as s from generate_series(1, 3) id where id>1");
    await page.keyboard.press('Control+Shift+F');
    await expect.poll(lines).toEqual(['SELECT', '  id,', "  'a;b' AS s", 'FROM', '  generate_series(1, 3) id', 'WHERE', '  id > 1']);
    await page.keyboard.press('Control+Z');
    await expect.poll(lines).toEqual(["select id, 'a;b' as s from generate_series(1, 3) id where id>1"]);
    await page.getByRole('button', { name: 'Format', exact: true }).click();
    await expect.poll(() => page.locator('.cm-line').count()).toBe(7);
    // The formatted text still runs.
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 10_000 }).toBe('2 rows');
    // Text it cannot parse stays as it is, and the editor says where it went wrong.
    await typeSql(page, 'select 1 )');
    await page.keyboard.press('Control+Shift+F');
    await expect.poll(() => page.getByTestId('format-error').textContent()).toBe('Could not format: at token: ) at line 1 column 10');
    expect(await lines()).toEqual(['select 1 )']);
  });

  it('copies a cell whole, even one the grid shows cut, and binary as bare hex; a double-click shows a cell whole', async () => {
    await typeSql(page, 'SELECT \'{"a":1,"b":[1,2]}\'::jsonb AS doc');
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('grid-row').first().locator('.cell').first().textContent(), { timeout: 10_000 }).toBe('{"a": 1, "b": [1, 2]}');
    await page.getByTestId('grid-row').first().locator('.cell').first().dblclick();
    const viewer = page.getByTestId('cell-viewer');
    await expect.poll(() => viewer.getByTestId('cell-viewer-text').textContent()).toBe('{\n  "a": 1,\n  "b": [\n    1,\n    2\n  ]\n}');
    expect(await viewer.getByTestId('cell-viewer-note').textContent()).toBe('21 characters, JSON');
    await viewer.getByRole('button', { name: 'Close' }).click();
    expect(await viewer.count()).toBe(0);
    await typeSql(page, "SELECT repeat('x', 300000) || 'end' AS big, '\\xdeadbeef'::bytea AS raw, NULL::text AS nothing");
    await page.getByTestId('run').click();
    const row = page.getByTestId('grid-row').first();
    await expect.poll(() => row.locator('.cell').nth(1).textContent(), { timeout: 10_000 }).toBe('0xdeadbeef (4 bytes)');
    expect(await row.locator('.cell').first().textContent()).toMatch(/^x+… \(300003 chars\)$/);
    await row.click();
    await page.keyboard.press('Control+C');
    await expect.poll(() => page.getByTestId('copy-status').textContent()).toBe('Copied 1 row.');
    expect(await readClipboard(page)).toBe(`${'x'.repeat(300000)}end\t0xdeadbeef\tNULL`);
    // The viewer fetches the cut cell whole.
    await row.locator('.cell').first().dblclick();
    await expect.poll(() => page.getByTestId('cell-viewer-note').textContent()).toBe('300,003 characters');
    expect((await page.getByTestId('cell-viewer-text').textContent())!.length).toBe(300003);
    await page.getByTestId('cell-viewer').getByRole('button', { name: 'Close' }).click();
  });

  it('keeps what was run in the profile\'s history, searchable, and puts a chosen entry in the editor', async () => {
    await page.getByRole('button', { name: 'History', exact: true }).click();
    const dialog = page.getByTestId('history');
    const entries = dialog.getByTestId('history-entry');
    await expect.poll(() => entries.count()).toBeGreaterThan(2);
    // Newest first: the last run; a run of a selection is kept as the selection.
    expect(await entries.first().locator('code').textContent()).toMatch(/^SELECT repeat\('x', 300000\)/);
    await dialog.getByLabel('Search history').fill('NOWHERE');
    await expect.poll(() => entries.locator('code').allTextContents()).toEqual(['SELECT * FROM nowhere_at_all']);
    await entries.first().click();
    expect(await page.getByTestId('history').count()).toBe(0);
    await expect.poll(() => page.locator('.cm-content').textContent()).toBe('SELECT * FROM nowhere_at_all');
    // Clear forgets this profile's runs.
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await page.getByRole('button', { name: 'Clear history' }).click();
    await expect.poll(() => dialog.textContent()).toMatch(/Nothing has been run on this connection yet/);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('refreshes the schema tree by itself when a run creates or drops a table', async () => {
    const tree = page.getByTestId('schema-tree');
    const names = () => tree.locator('.tree-name').allTextContents();
    await expect.poll(() => tree.textContent(), { timeout: 10_000 }).not.toMatch(/Loading schema/);
    // The SQLite session's tree was filtered for "ord": that filter is its own, not this session's.
    expect(await tree.getByLabel('Filter tables').inputValue()).toBe('');
    expect(await names()).not.toContain('▦ e2e_created');
    await typeSql(page, 'CREATE TABLE e2e_created (id int PRIMARY KEY); /* DROP TABLE in a comment is no statement */ SELECT 1 AS one');
    await page.getByTestId('run').click();
    await expect.poll(names, { timeout: 10_000 }).toContain('▦ e2e_created');
    // A plain query does not reload the tree; a DROP does.
    await typeSql(page, "SELECT 'DROP TABLE e2e_created' AS text");
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('grid-row').first().locator('.cell').allTextContents(), { timeout: 10_000 }).toEqual(['DROP TABLE e2e_created']);
    expect(await names()).toContain('▦ e2e_created');
    await typeSql(page, 'DROP TABLE e2e_created');
    await page.getByTestId('run').click();
    await expect.poll(names, { timeout: 10_000 }).not.toContain('▦ e2e_created');
  });

  it('creates a connection with an SSH hop in the form, refusing a bad port with the field named', async () => {
    await page.getByRole('button', { name: 'New', exact: true }).click();
    const form = page.getByTestId('connection-form');
    await form.waitFor();
    await form.getByLabel('Name', { exact: true }).fill('Made in the form');
    await form.getByLabel('Host (as the last hop sees it)', { exact: true }).fill(postgres.host);
    await form.getByLabel('Port', { exact: true }).fill('70000');
    await form.getByLabel('Database', { exact: true }).fill(postgres.database);
    await form.getByLabel('User', { exact: true }).fill(postgres.user);
    await form.getByLabel('Password', { exact: true }).fill(postgres.password);
    await form.getByRole('button', { name: 'Add SSH hop' }).click();
    await form.getByLabel('Hop 1 host').fill(sshd.host);
    await form.getByLabel('Hop 1 port').fill(String(sshd.port));
    await form.getByLabel('Hop 1 username').fill(sshd.account.username);
    // An agent hop takes a socket path, with the well-known agents offered as presets.
    await form.getByLabel('Hop 1 auth').selectOption('agent');
    expect(await form.getByLabel('Hop 1 agent socket').getAttribute('list')).toBe('agent-presets');
    expect(await form.locator('#agent-presets option').evaluateAll((options) => options.map((o) => o.textContent))).toEqual(expect.arrayContaining(['1Password (Linux)', 'Secretive (macOS)', 'Pageant']));
    await form.getByLabel('Hop 1 auth').selectOption('publickey');
    await form.getByLabel('Hop 1 key').selectOption({ index: 1 });
    await form.getByLabel('Hop 1 port').fill('ssh');
    await form.getByRole('button', { name: 'Save' }).click();
    // Every wrong field is marked with its message, the line above the buttons names the first, and the focus goes there.
    await expect.poll(() => page.getByTestId('form-error').textContent()).toBe('VALIDATION: Port: port must be between 1 and 65535 (1 more marked above)');
    expect(await form.getByTestId('field-error').allTextContents()).toEqual(['port must be between 1 and 65535', 'Hop 1 port: port must be a number']);
    expect(await form.getByLabel('Port', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByLabel('Hop 1 port').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => form.getByLabel('Port', { exact: true }).evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    // Fixing a field clears its mark; the other stays until it is fixed too.
    await form.getByLabel('Hop 1 port').fill(String(sshd.port));
    expect(await form.getByTestId('field-error').allTextContents()).toEqual(['port must be between 1 and 65535']);
    expect(await form.getByLabel('Hop 1 port').getAttribute('aria-invalid')).toBeNull();

    await form.getByRole('button', { name: 'Test' }).click();
    await expect.poll(() => form.getByTestId('diagnosis-error').textContent()).toMatch(/^VALIDATION: .*port/);

    await form.getByLabel('Port', { exact: true }).fill(String(postgres.port));
    // "Test" runs the unsaved form stage by stage; each stage shows its result and time.
    await form.getByLabel('SSH debug log').check();
    await form.getByRole('button', { name: 'Test' }).click();
    const report = form.getByTestId('diagnosis');
    await expect.poll(() => report.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/^Connection works \(\d+ ms\)$/);
    const hop = report.getByTestId('diagnosis-hop');
    expect(await hop.locator('h4').textContent()).toBe(`Hop 1: ${sshd.host}:${sshd.port}`);
    for (const stage of ['dns', 'tcp', 'handshake', 'hostkey', 'auth']) {
      expect(await hop.getByTestId(`stage-${stage}`).getAttribute('class')).toBe('stage-ok');
      expect(await hop.getByTestId(`stage-${stage}`).textContent()).toMatch(/\d+\.\d ms/);
    }
    expect(await report.getByTestId('stage-db').textContent()).toMatch(/Database login.*PostgreSQL \d+/);
    expect(await hop.locator('summary').textContent()).toMatch(/^SSH debug log \(\d+ lines\)$/);
    expect(value<{ name: string }[]>(await host.core.dispatch('profiles.list', {})).map((p) => p.name)).not.toContain('Made in the form');

    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /Made in the form/ }).click();
    await page.getByRole('tab', { name: /Made in the form/ }).waitFor({ timeout: 15_000 });
    await typeSql(page, 'SELECT current_user AS who');
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('grid-row').first().locator('.cell').allTextContents(), { timeout: 10_000 }).toEqual(['burrow']);
  });

  it('keeps a profile\'s query tabs, so they come back with their SQL and the front tab after a restart', async () => {
    const profile = value<{ id: string; name: string }[]>(await host.core.dispatch('profiles.list', {})).find((p) => p.name === 'Made in the form')!;
    await typeSql(page, 'SELECT 1 AS first_tab');
    // "+" opens another query tab on the same connection, numbered after the profile.
    await page.getByRole('button', { name: 'New query tab' }).click();
    await expect.poll(async () => (await page.getByRole('tab').allTextContents()).slice(-2)).toEqual(['Made in the form×', 'Made in the form 2×']);
    await typeSql(page, 'SELECT 42 AS kept_across_restart');
    // Edits settle, then the tabs are kept in the data dir (tabs.json), per profile, in order, with the one in front.
    const kept = [{ title: 'Made in the form', sql: 'SELECT 1 AS first_tab' }, { title: 'Made in the form 2', sql: 'SELECT 42 AS kept_across_restart', active: true }];
    await expect.poll(async () => value(await host.core.dispatch('tabs.get', { profileId: profile.id })), { timeout: 5_000 }).toEqual(kept);
    // A restart: the sessions end with the app, the renderer starts empty, the data dir stays.
    for (const session of value<{ sessionId: string }[]>(await host.core.dispatch('sessions.list', {}))) {
      value(await host.core.dispatch('sessions.close', { sessionId: session.sessionId }));
    }
    await page.reload();
    await page.getByRole('button', { name: /Made in the form/ }).click();
    await page.getByRole('tab', { name: /Made in the form/ }).first().waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByRole('tab').allTextContents()).toEqual(['Made in the form×', 'Made in the form 2×']);
    // The second tab was in front, so it is again.
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).toBe('Made in the form 2×');
    await expect.poll(() => page.locator('.cm-content').textContent()).toBe('SELECT 42 AS kept_across_restart');
    await page.getByRole('tab').nth(0).getByRole('button').first().click();
    await expect.poll(() => page.locator('.cm-content').textContent()).toBe('SELECT 1 AS first_tab');
    await expect.poll(async () => value<{ active?: true }[]>(await host.core.dispatch('tabs.get', { profileId: profile.id })).map((tab) => tab.active ?? false), { timeout: 5_000 }).toEqual([true, false]);
    await page.getByRole('tab').nth(1).getByRole('button').first().click();
    await expect.poll(() => page.locator('.cm-content').textContent()).toBe('SELECT 42 AS kept_across_restart');
    // Undo in a tab never brings back another tab's text.
    await page.locator('.cm-content').focus();
    await page.keyboard.press('Control+Z');
    expect(await page.locator('.cm-content').textContent()).toBe('SELECT 42 AS kept_across_restart');
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('grid-row').first().locator('.cell').allTextContents(), { timeout: 10_000 }).toEqual(['42']);
  });

  it('completes table and column names from the session\'s schema in the editor', async () => {
    await typeSql(page, 'CREATE TABLE e2e_completion (id int PRIMARY KEY, label text); INSERT INTO e2e_completion VALUES (1, \'one\')');
    await page.getByTestId('run').click();
    // The DDL reloads the schema tree, and with it what the editor completes.
    await expect.poll(() => page.getByTestId('schema-tree').locator('.tree-name').allTextContents(), { timeout: 10_000 }).toContain('▦ e2e_completion');
    const options = page.locator('.cm-tooltip-autocomplete li');
    await typeSql(page, 'SELECT t.id FROM ');
    await page.keyboard.type('e2e_compl');
    await expect.poll(() => options.allTextContents()).toEqual(['e2e_completiontable']);
    await acceptCompletion(page);
    await page.keyboard.type(' t WHERE t.lab');
    await expect.poll(() => options.allTextContents()).toEqual(['labeltext']);
    await acceptCompletion(page);
    await expect.poll(() => page.locator('.cm-content').textContent()).toBe('SELECT t.id FROM e2e_completion t WHERE t.label');
    await page.keyboard.type(" = 'one'");
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('grid-row').first().locator('.cell').allTextContents(), { timeout: 10_000 }).toEqual(['1']);
  });

  it('edits a table\'s rows in the browser: saves changes in one go, and keeps them on a conflict', async () => {
    // After the window's restart the sample connection opens again, on a new session, with its kept query tab.
    await page.getByRole('button', { name: /Sample \(SQLite\)/ }).click();
    const tree = page.getByTestId('schema-tree');
    await tree.getByTitle(/^Browse (main\.)?customers$/).click({ timeout: 15_000 });
    await page.getByRole('tab', { name: /▦ customers/ }).waitFor();
    const sessionId = value<{ sessionId: string; profileName: string }[]>(await host.core.dispatch('sessions.list', {})).filter((s) => s.profileName === 'Sample (SQLite)').at(-1)!.sessionId;
    const browser = page.getByTestId('table-browser');
    await expect.poll(() => browser.getByTestId('browse-range').textContent(), { timeout: 10_000 }).toBe('rows 1–250 (end)');
    expect(await browser.getByTestId('read-only-note').count()).toBe(0);
    const rowWithId = (id: number) => browser.getByTestId('browse-row').filter({ has: page.locator('td:nth-child(2)', { hasText: new RegExp(`^${id}$`) }) });
    const save = browser.getByRole('button', { name: /^Save changes/ });

    // Change a name: the cell is marked until saved.
    const name1 = rowWithId(1).locator('td').nth(2);
    await name1.dblclick();
    const input = browser.getByLabel('Cell value');
    expect(await input.inputValue()).toBe(await runSql(host, sessionId, 'SELECT name FROM customers WHERE id = 1').then((rows) => rows[0]![0]));
    await input.fill('Ada Edited');
    await input.press('Enter');
    expect(await name1.textContent()).toBe('Ada Edited');
    expect(await name1.getAttribute('class')).toMatch(/\bcell-changed\b/);
    expect(await save.textContent()).toBe('Save changes (1)');

    // A new row starts with every cell DEFAULT; the NOT NULL columns get values.
    await browser.getByRole('button', { name: '+ Row' }).click();
    const added = browser.getByTestId('browse-new-row');
    expect(await added.locator('td').allTextContents()).toEqual(['new', 'DEFAULT', 'DEFAULT', 'DEFAULT', 'DEFAULT', 'DEFAULT']);
    for (const [column, text] of [[2, 'New Customer'], [3, 'new@example.com'], [4, 'NZ'], [5, '2026-01-01T00:00:00.000Z']] as const) {
      await added.locator('td').nth(column).dblclick();
      await browser.getByLabel('Cell value').fill(text);
      await browser.getByLabel('Cell value').press('Enter');
    }
    expect(await added.locator('td').allTextContents()).toEqual(['new', 'DEFAULT', 'New Customer', 'new@example.com', 'NZ', '2026-01-01T00:00:00.000Z']);

    // Customer 131 has no orders, so it can go.
    await rowWithId(131).click();
    await browser.getByRole('button', { name: 'Delete row' }).click();
    expect(await rowWithId(131).getAttribute('class')).toMatch(/\brow-deleted\b/);
    expect(await save.textContent()).toBe('Save changes (3)');

    // Reloading would drop the changes: it asks, and cancelling keeps them.
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await browser.getByRole('button', { name: 'Reload' }).click();
    expect(asked).toEqual(['Discard 3 unsaved changes?']);
    expect(await save.textContent()).toBe('Save changes (3)');

    await save.click();
    await expect.poll(() => browser.getByRole('status').textContent(), { timeout: 10_000 }).toBe('Saved: 1 updated, 1 inserted, 1 deleted.');
    expect(await runSql(host, sessionId, "SELECT id, name, country FROM customers WHERE id IN (1, 131) OR email = 'new@example.com' ORDER BY id")).toEqual([
      ['1', 'Ada Edited', expect.any(String)],
      ['251', 'New Customer', 'NZ'],
    ]);
    // The page was read again: the new row is an ordinary row now, nothing is marked.
    await expect.poll(() => rowWithId(251).locator('td').nth(2).textContent()).toBe('New Customer');
    expect(await browser.getByTestId('browse-range').textContent()).toBe('rows 1–250 (end)');
    expect(await browser.getByTestId('browse-new-row').count()).toBe(0);
    expect(await browser.locator('.cell-changed, .row-deleted').count()).toBe(0);
    expect(await save.count()).toBe(0);

    // A conflict: the row goes behind the UI's back; nothing is saved and the change stays pending.
    const name217 = rowWithId(217).locator('td').nth(2);
    await name217.dblclick();
    await browser.getByLabel('Cell value').fill('Never saved');
    await browser.getByLabel('Cell value').press('Enter');
    await runSql(host, sessionId, 'DELETE FROM customers WHERE id = 217');
    await page.keyboard.press('Control+S');
    await expect.poll(() => browser.getByRole('alert').textContent(), { timeout: 10_000 }).toMatch(/^CONFLICT: /);
    expect(await name217.textContent()).toBe('Never saved');
    expect(await name217.getAttribute('class')).toMatch(/\bcell-changed\b/);
    expect(await rowWithId(217).getAttribute('class')).toMatch(/\brow-failed\b/);
    expect(await save.textContent()).toBe('Save changes (1)');
    expect(await runSql(host, sessionId, "SELECT count(*) FROM customers WHERE name = 'Never saved'")).toEqual([['0']]);
    await browser.getByRole('button', { name: 'Discard' }).click();
    expect(await save.count()).toBe(0);
  });

  it('edits a query result read from one table (PostgreSQL over SSH): saves, keeps what was saved shown, and asks before a new run drops changes', async () => {
    await page.getByRole('button', { name: /Staging over SSH/ }).click();
    await page.getByRole('tab', { name: /Staging over SSH/ }).first().waitFor({ timeout: 15_000 });
    const sessionId = value<{ sessionId: string; profileName: string }[]>(await host.core.dispatch('sessions.list', {})).filter((s) => s.profileName === 'Staging over SSH').at(-1)!.sessionId;
    await typeSql(page, "CREATE TABLE e2e_people (id int PRIMARY KEY, name text, age int); INSERT INTO e2e_people VALUES (1, 'Ann', 30), (2, 'Bo', NULL), (3, 'Cy', 50)");
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('schema-tree').locator('.tree-name').allTextContents(), { timeout: 10_000 }).toContain('▦ e2e_people');

    await typeSql(page, 'SELECT id, name AS who, age, age * 2 AS doubled FROM e2e_people ORDER BY id');
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('result-editable').textContent(), { timeout: 10_000 }).toBe('Editable: public.e2e_people');
    const cell = (row: number, column: number) => page.getByTestId('grid-row').nth(row).locator('.cell').nth(column);
    // The grid shows … until the row window arrives.
    await expect.poll(() => cell(0, 1).textContent()).toBe('Ann');

    // A double-click edits a column read from the table, under its alias.
    await cell(0, 1).dblclick();
    const input = page.getByTestId('results-grid').getByLabel('Cell value');
    expect(await input.inputValue()).toBe('Ann');
    await input.fill('Anna');
    await input.press('Enter');
    expect(await cell(0, 1).textContent()).toBe('Anna');
    expect(await cell(0, 1).getAttribute('class')).toMatch(/\bcell-changed\b/);
    // A computed column is read-only: a double-click shows it whole instead.
    await cell(0, 3).dblclick();
    await expect.poll(() => page.getByTestId('cell-viewer-text').textContent()).toBe('60');
    await page.getByTestId('cell-viewer').getByRole('button', { name: 'Close' }).click();
    // The right-click menu sets a cell to NULL and marks a row for deletion.
    await cell(1, 2).click({ button: 'right' });
    await page.getByTestId('result-cell-menu').getByRole('menuitem', { name: 'Set to NULL' }).waitFor();
    expect(await page.getByTestId('result-cell-menu').getByRole('menuitem').allTextContents()).toEqual([
      'View value…', 'Copy value', 'Copy as CSV', 'Copy as JSON', 'Copy as SQL INSERT', 'Copy as Markdown', 'Edit cell', 'Set to NULL', 'Delete row',
    ]);
    await page.keyboard.press('Escape');
    await cell(2, 0).click({ button: 'right' });
    await page.getByTestId('result-cell-menu').getByRole('menuitem', { name: 'Delete row' }).click();
    expect(await page.getByTestId('grid-row').nth(2).getAttribute('class')).toMatch(/\brow-deleted\b/);
    const save = page.getByTestId('result-save');
    expect(await save.textContent()).toBe('Save changes (2)');

    // A new run would drop the changes: it asks, and cancelling keeps them.
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByTestId('run').click();
    expect(asked).toEqual(['Discard 2 unsaved changes to the results?']);
    expect(await save.textContent()).toBe('Save changes (2)');

    // Closing or reloading the window would drop them too: the page refuses to unload, and the dismissed question keeps everything.
    const unloadGuarded = () => page.evaluate(() => (globalThis as unknown as { onbeforeunload: unknown }).onbeforeunload !== null);
    expect(await unloadGuarded()).toBe(true);
    const questions: string[] = [];
    page.once('dialog', (dialog) => {
      questions.push(dialog.type());
      void dialog.dismiss();
    });
    await page.evaluate(() => (globalThis as unknown as { location: { reload(): void } }).location.reload());
    await expect.poll(() => questions).toEqual(['beforeunload']);
    expect(await save.textContent()).toBe('Save changes (2)');

    await page.getByTestId('results-grid').focus();
    await page.keyboard.press('Control+S');
    await expect.poll(() => page.getByTestId('result-edit-status').textContent(), { timeout: 10_000 }).toBe('Saved: 1 updated, 0 inserted, 1 deleted.');
    expect(await unloadGuarded()).toBe(false);
    expect(await runSql(host, sessionId, 'SELECT id, name, age FROM e2e_people ORDER BY id')).toEqual([['1', 'Anna', '30'], ['2', 'Bo', null]]);
    // The stored result still holds what was read; the grid shows what was saved over it.
    expect(await cell(0, 1).textContent()).toBe('Anna');
    expect(await cell(0, 1).getAttribute('class')).not.toMatch(/\bcell-changed\b/);
    expect(await page.getByTestId('grid-row').nth(2).getAttribute('class')).toMatch(/\brow-removed\b/);
    expect(await save.count()).toBe(0);

    // Rows from two tables are read-only, and the bar says why.
    await typeSql(page, 'SELECT p.id, c.relname FROM e2e_people p CROSS JOIN pg_class c LIMIT 1');
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('result-read-only').textContent(), { timeout: 10_000 }).toBe('Read-only: columns from 2 tables (public.e2e_people, pg_catalog.pg_class)');
    // A self-join traces both sides to the same table, but a row's key would meet another row's values.
    await typeSql(page, 'SELECT a.id, b.name FROM e2e_people a JOIN e2e_people b ON b.id = a.id');
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('result-read-only').textContent(), { timeout: 10_000 })
      .toBe('Read-only: only a plain SELECT … FROM public.e2e_people can be edited (no join, CTE or subquery)');
    await cell(0, 1).dblclick();
    await page.getByTestId('cell-viewer').getByRole('button', { name: 'Close' }).click();
    expect(await page.getByTestId('results-grid').getByLabel('Cell value').count()).toBe(0);
  });

  it('fits result columns to their content, scrolls the header sideways with the rows, and resizes a column by drag, keys or double-click', async () => {
    const numbered = Array.from({ length: 30 }, (_, i) => `g * ${i + 1} AS c${String(i + 1).padStart(2, '0')}`).join(', ');
    await typeSql(page, `SELECT ${numbered}, repeat('word ', 40) AS long_text, true AS flag FROM generate_series(1, 50) g`);
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 10_000 }).toBe('50 rows');
    const header = (name: string) => page.getByTestId('grid-header').locator('.grid-header-cell', { hasText: new RegExp(`^${name}$`) });
    const widthOf = async (name: string) => (await header(name).boundingBox())!.width;
    // Fitted once the first rows arrive: a long text stops at the fitted maximum, a short column is narrow.
    await expect.poll(() => widthOf('long_text')).toBeCloseTo(360, 0);
    expect(await widthOf('flag')).toBeLessThan(80);

    // Scrolled to the far right, the header moved with the rows: the last header cell is above the last column's cells.
    const body = page.locator('.grid-body');
    await body.evaluate((element) => element.scrollTo(element.scrollWidth, 0));
    const lastHeader = (await header('flag').boundingBox())!;
    const lastCell = (await page.getByTestId('grid-row').first().locator('.cell').last().boundingBox())!;
    const grid = (await page.getByTestId('results-grid').boundingBox())!;
    expect(Math.abs(lastHeader.x - lastCell.x)).toBeLessThan(1);
    expect(lastHeader.x + lastHeader.width).toBeLessThanOrEqual(grid.x + grid.width + 1);

    // Drag the edge 100 px right; the rows follow the header.
    const before = await widthOf('flag');
    const handle = page.getByRole('separator', { name: 'Resize flag' });
    const edge = (await handle.boundingBox())!;
    await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
    await page.mouse.down();
    await page.mouse.move(edge.x + edge.width / 2 + 50, edge.y + edge.height / 2);
    await page.mouse.move(edge.x + edge.width / 2 + 100, edge.y + edge.height / 2);
    await page.mouse.up();
    expect(await widthOf('flag')).toBeCloseTo(before + 100, 0);
    expect((await page.getByTestId('grid-row').first().locator('.cell').last().boundingBox())!.width).toBeCloseTo(before + 100, 0);
    // Keys move the edge; a double-click fits the column again.
    await handle.focus();
    await page.keyboard.press('ArrowLeft');
    expect(await widthOf('flag')).toBeCloseTo(before + 84, 0);
    await handle.dblclick();
    expect(await widthOf('flag')).toBeCloseTo(before, 0);
    // Resizing never touched the row selection.
    expect(await page.locator('.grid-row.selected').count()).toBe(0);
  });

  it('saves a query by name (Mod+S), updates it in place, opens it from Saved queries, and refuses SQL holding a password', async () => {
    await typeSql(page, 'SELECT 41 + 1 AS answer');
    await page.keyboard.press('Control+S');
    const dialog = page.getByTestId('save-query');
    await dialog.waitFor();
    expect(await dialog.getByLabel('Name').inputValue()).toBe('SELECT 41 + 1 AS answer');
    await dialog.getByLabel('Name').fill('The answer');
    await dialog.getByLabel('Every connection').check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('save-query-status').textContent()).toBe('Saved “The answer”.');
    expect(await page.getByRole('tab', { selected: true }).textContent()).toBe('The answer×');

    // Tied to the saved query, Save writes the new SQL there without asking.
    await typeSql(page, 'SELECT 42 AS answer');
    await page.getByTestId('save-query-button').click();
    await expect.poll(() => page.getByTestId('save-query-status').textContent()).toBe('Saved “The answer”.');
    expect(await dialog.count()).toBe(0);
    expect(value<{ name: string; sql: string; profileId: string | null }[]>(await host.core.dispatch('savedQueries.list', {}))).toEqual([
      expect.objectContaining({ name: 'The answer', sql: 'SELECT 42 AS answer', profileId: null }),
    ]);

    // A new, empty tab opens it in place; the list searches names and SQL.
    await page.getByRole('button', { name: 'New query tab' }).click();
    await page.getByRole('button', { name: 'Saved queries' }).click();
    const saved = page.getByTestId('saved-queries');
    await expect.poll(() => saved.getByTestId('saved-query').allTextContents()).toEqual(['The answerall connectionsSELECT 42 AS answerDelete']);
    await saved.getByLabel('Search saved queries').fill('nothing like it');
    await expect.poll(() => saved.locator('.empty').textContent()).toBe('No saved query matches.');
    await saved.getByLabel('Search saved queries').fill('42');
    await saved.getByRole('button', { name: /^The answer/ }).click();
    await expect.poll(() => page.locator('.cm-content').textContent()).toBe('SELECT 42 AS answer');
    expect(await page.getByRole('tab', { selected: true }).textContent()).toBe('The answer×');
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('grid-row').first().locator('.cell').allTextContents(), { timeout: 10_000 }).toEqual(['42']);

    // Deleting it (after asking) unties the tabs: Save asks for a name again.
    await page.getByRole('button', { name: 'Saved queries' }).click();
    page.once('dialog', (question) => void question.accept());
    await saved.getByRole('button', { name: 'Delete The answer' }).click();
    await expect.poll(() => saved.locator('.empty').textContent()).toMatch(/^Nothing saved yet/);
    await saved.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('save-query-button').click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // SQL that may carry a password stays out of the plain file, with the reason.
    await typeSql(page, "ALTER ROLE burrow PASSWORD 'not-kept'");
    await page.keyboard.press('Control+S');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.getByTestId('save-query-error').textContent()).toMatch(/^VALIDATION: .*may hold a password/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(value<unknown[]>(await host.core.dispatch('savedQueries.list', {}))).toEqual([]);
  });

  it('copies selected rows as SQL INSERT statements that load back exactly, and as CSV, JSON and Markdown', async () => {
    const sessionId = value<{ sessionId: string; profileName: string }[]>(await host.core.dispatch('sessions.list', {})).filter((s) => s.profileName === 'Staging over SSH').at(-1)!.sessionId;
    await runSql(host, sessionId, `CREATE TABLE e2e_copy (id int PRIMARY KEY, label text, price numeric(8,2), flag boolean, raw bytea, note text);
      INSERT INTO e2e_copy VALUES (1, 'it''s', 1.50, true, '\\xdead', NULL), (2, E'back\\\\slash | pipe', 20, false, NULL, E'multi\\nline')`);
    const table = () => runSql(host, sessionId, 'SELECT id, label, price, flag, raw, note FROM e2e_copy ORDER BY id');
    const original = await table();
    await typeSql(page, 'SELECT * FROM e2e_copy ORDER BY id');
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 10_000 }).toBe('2 rows');
    const rows = page.getByTestId('grid-row');
    await rows.nth(0).click();
    await rows.nth(1).click({ modifiers: ['Shift'] });
    const copyAs = async (label: string): Promise<string> => {
      await rows.nth(1).locator('.cell').first().click({ button: 'right' });
      await page.getByTestId('result-cell-menu').getByRole('menuitem', { name: `Copy as ${label}` }).click();
      await expect.poll(() => page.getByTestId('copy-status').textContent()).toBe(`Copied 2 rows as ${label}.`);
      return readClipboard(page);
    };

    const inserts = await copyAs('SQL INSERT');
    expect(inserts).toBe([
      `INSERT INTO "public"."e2e_copy" ("id", "label", "price", "flag", "raw", "note") VALUES (1, 'it''s', 1.50, TRUE, '\\xdead', NULL);`,
      `INSERT INTO "public"."e2e_copy" ("id", "label", "price", "flag", "raw", "note") VALUES (2, 'back\\slash | pipe', 20.00, FALSE, NULL, 'multi\nline');`,
    ].join('\n'));
    // They load back exactly.
    await runSql(host, sessionId, 'DELETE FROM e2e_copy');
    await runSql(host, sessionId, inserts);
    expect(await table()).toEqual(original);

    expect(await copyAs('CSV')).toBe('id,label,price,flag,raw,note\r\n1,it\'s,1.50,true,\\xdead,\r\n2,back\\slash | pipe,20.00,false,,"multi\nline"\r\n');
    expect(JSON.parse(await copyAs('JSON'))).toEqual([
      { id: 1, label: "it's", price: 1.5, flag: true, raw: '\\xdead', note: null },
      { id: 2, label: 'back\\slash | pipe', price: 20, flag: false, raw: null, note: 'multi\nline' },
    ]);
    expect(await copyAs('Markdown')).toBe([
      '| id | label | price | flag | raw | note |',
      '| --- | --- | --- | --- | --- | --- |',
      "| 1 | it's | 1.50 | true | 0xdead | NULL |",
      '| 2 | back\\\\slash \\| pipe | 20.00 | false | NULL | multi<br>line |',
    ].join('\n'));
    // One cell, whole and bare: the multi-line note of row 2.
    await rows.nth(1).locator('.cell').last().click({ button: 'right' });
    await page.getByTestId('result-cell-menu').getByRole('menuitem', { name: 'Copy value' }).click();
    await expect.poll(() => page.getByTestId('copy-status').textContent()).toBe('Copied the value of note in row 2.');
    expect(await readClipboard(page)).toBe('multi\nline');
  });

  it('opens a table by name (Mod+P, or the menu) and renames a query tab (double-click), keeping the name', async () => {
    await page.locator('.cm-content').focus();
    await page.keyboard.press('Control+P');
    const dialog = page.getByTestId('open-table');
    await dialog.waitFor();
    await dialog.getByLabel('Table name').fill('peop');
    await expect.poll(() => dialog.getByTestId('open-table-match').allTextContents()).toEqual(['▦ e2e_peoplepublic']);
    await page.keyboard.press('Enter');
    await page.getByRole('tab', { name: /▦ e2e_people/ }).waitFor();
    await expect.poll(() => page.getByTestId('table-browser').getByTestId('browse-range').textContent(), { timeout: 10_000 }).toBe('rows 1–2 (end)');
    await page.getByRole('button', { name: 'Close e2e_people' }).click();

    // The menu's View > Open Table… does the same; letters in order find a table, Escape closes.
    host.menuCommand('openTable');
    await dialog.waitFor();
    await dialog.getByLabel('Table name').fill('e2ecmpl');
    await expect.poll(() => dialog.getByTestId('open-table-match').allTextContents()).toEqual(['▦ e2e_completionpublic']);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    const front = page.getByRole('tab', { selected: true });
    const before = (await front.textContent())!.replace(/×$/, '');
    await front.getByRole('button').first().dblclick();
    await front.getByLabel('Tab name').fill('Never kept');
    await page.keyboard.press('Escape');
    await expect.poll(() => front.textContent()).toBe(`${before}×`);
    await front.getByRole('button').first().dblclick();
    await front.getByLabel('Tab name').fill('Monthly report');
    await page.keyboard.press('Enter');
    await expect.poll(() => front.textContent()).toBe('Monthly report×');
    const profile = value<{ id: string; name: string }[]>(await host.core.dispatch('profiles.list', {})).find((p) => p.name === 'Staging over SSH')!;
    await expect.poll(async () => value<{ title: string }[]>(await host.core.dispatch('tabs.get', { profileId: profile.id })).map((t) => t.title), { timeout: 5_000 }).toContain('Monthly report');
  });

  it('a tab\'s right-click menu renames, duplicates and closes tabs (others, to the right)', async () => {
    const front = page.getByRole('tab', { selected: true });
    const title = (await front.textContent())!.replace(/×$/, '');
    const sql = await page.locator('.cm-content').textContent();
    await front.click({ button: 'right' });
    const menu = page.getByTestId('tab-menu');
    const items = await menu.getByRole('menuitem').allTextContents();
    expect(items.slice(0, 4)).toEqual(['Rename…', 'Duplicate', 'Close', 'Close other tabs']);
    await menu.getByRole('menuitem', { name: 'Duplicate' }).click();
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).toMatch(/^Staging over SSH( \d+)?×$/);
    await expect.poll(() => page.locator('.cm-content').textContent()).toBe(sql);
    const count = await page.getByRole('tab').count();

    // Back on the first tab: close the others (sessions left without a tab close with them).
    await page.getByRole('tab', { name: title }).getByRole('button').first().click();
    await page.getByRole('tab', { name: title }).click({ button: 'right' });
    await menu.getByRole('menuitem', { name: 'Close other tabs' }).click();
    await expect.poll(() => page.getByRole('tab').allTextContents()).toEqual([`${title}×`]);
    expect(count).toBeGreaterThan(2);
    // One tab left: nothing to its right and no others, so the menu offers neither.
    await page.getByRole('tab', { name: title }).click({ button: 'right' });
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Rename…', 'Duplicate', 'Close']);
    await page.keyboard.press('Escape');
  });
  it('exports a whole table from its browser with its filters (SQL INSERTs), shows the outcome, and a cancel writes nothing', async () => {
    const tabs = await page.getByRole('tab').count();
    await page.getByRole('button', { name: /Staging over SSH/ }).click();
    // A new session's tab comes to the front; its schema (with the table made earlier) shows.
    await expect.poll(() => page.getByRole('tab').count(), { timeout: 15_000 }).toBe(tabs + 1);
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).toMatch(/^Staging over SSH/);
    await expect.poll(() => page.getByTestId('schema-tree').locator('.tree-name').allTextContents(), { timeout: 15_000 }).toContain('▦ e2e_people');
    await typeSql(page, "CREATE TABLE e2e_export AS SELECT g AS id, 'name ' || g AS name, CASE WHEN g % 10 = 0 THEN NULL ELSE g * 0.5 END AS amount FROM generate_series(1, 20000) g");
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('schema-tree').locator('.tree-name').allTextContents(), { timeout: 10_000 }).toContain('▦ e2e_export');
    await openTableByName(page, 'e2e_export');
    const browser = page.getByTestId('table-browser');
    await expect.poll(() => browser.getByTestId('browse-range').textContent(), { timeout: 10_000 }).toBe('rows 1–300');
    await browser.getByLabel('Filter column').selectOption('id');
    await browser.getByLabel('Filter operator').selectOption('<=');
    await browser.getByLabel('Filter value').fill('15000');
    await browser.getByRole('button', { name: 'Add filter' }).click();
    await expect.poll(() => browser.getByTestId('filter-chip').count()).toBe(1);

    exportTarget = dir.join('e2e_export.sql');
    await browser.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByTestId('export-dialog');
    expect(await dialog.locator('p.muted').textContent()).toMatch(/^Every row the current filters let through/);
    await dialog.getByLabel('SQL INSERT').check();
    await dialog.getByRole('button', { name: 'Choose file…' }).click();
    const status = browser.getByTestId('file-export-status');
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/^Exported 15,000 rows \([\d.]+ (KiB|MiB)\) to .*e2e_export\.sql×$/);
    expect(suggestedNames.at(-1)).toBe('e2e_export.sql');
    const lines = readFileSync(exportTarget, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(15_000);
    expect(lines[0]).toBe(`INSERT INTO "public"."e2e_export" ("id", "name", "amount") VALUES (1, 'name 1', 0.5);`);
    expect(lines[9]).toBe(`INSERT INTO "public"."e2e_export" ("id", "name", "amount") VALUES (10, 'name 10', NULL);`);
    await status.getByRole('button', { name: 'Dismiss' }).click();
    expect(await status.count()).toBe(0);

    // Cancelled while the save dialog is still open: the export never writes.
    let answerDialog!: () => void;
    saveDialogOpen = new Promise((resolve) => (answerDialog = resolve));
    exportTarget = dir.join('e2e_export_cancelled.csv');
    await browser.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByRole('button', { name: 'Choose file…' }).click();
    await expect.poll(() => status.textContent()).toMatch(/^Exporting as CSV… 0 rows/);
    expect(await browser.getByRole('button', { name: 'Export…' }).isDisabled()).toBe(true);
    await status.getByRole('button', { name: 'Cancel export' }).click();
    answerDialog();
    saveDialogOpen = Promise.resolve();
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('Export cancelled; no file was written.×');
    expect(existsSync(exportTarget)).toBe(false);

    // Cancel in the save dialog itself: nothing to report.
    exportTarget = null;
    await browser.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByRole('button', { name: 'Choose file…' }).click();
    await expect.poll(() => status.count()).toBe(0);
    await page.getByRole('button', { name: 'Close e2e_export' }).click();
  });
  it('exports every row of a query cut by the row limit, running it again on a connection of its own; SQL that writes is not offered', async () => {
    await typeSql(page, "SELECT g AS n, 'v' || g AS label FROM generate_series(1, 4321) g");
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 15_000 }).toBe('1,000 rows (limited)');
    exportTarget = dir.join('all-rows.csv');
    await page.getByTestId('export-all').click();
    const dialog = page.getByTestId('export-dialog');
    expect(await dialog.getByRole('radio').count()).toBe(2);
    await dialog.getByRole('button', { name: 'Choose file…' }).click();
    const status = page.getByTestId('file-export-status');
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/^Exported 4,321 rows \(.+\) to .*all-rows\.csv×$/);
    const lines = readFileSync(exportTarget, 'utf8').split('\r\n');
    expect(lines.slice(0, 2)).toEqual(['n,label', '1,v1']);
    expect(lines[4321]).toBe('4321,v4321');
    // The grid still holds the 1,000 rows it had: the export did not touch the tab's run.
    expect(await page.getByTestId('row-count').textContent()).toBe('1,000 rows (limited)');

    // Two statements would both run again: the button says why it is not offered.
    await typeSql(page, 'SELECT 1 AS one; SELECT g FROM generate_series(1, 2000) g');
    await page.getByTestId('run').click();
    await page.getByRole('button', { name: 'Result 2' }).click({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 15_000 }).toBe('1,000 rows (limited)');
    const exportAll = page.getByTestId('export-all');
    await expect.poll(() => exportAll.getAttribute('title')).toMatch(/must be one statement; this run has 2/);
    expect(await exportAll.isDisabled()).toBe(true);
  });
  it('a table\'s right-click menu in the schema tree copies its quoted name, starts a query on it, and exports it whole', async () => {
    const tree = page.getByTestId('schema-tree');
    await tree.getByLabel('Filter tables').fill('e2e_export');
    const name = tree.getByTitle('Browse public.e2e_export', { exact: true });
    const menu = page.getByTestId('tree-menu');
    await name.click({ button: 'right' });
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Browse', 'Structure', 'New query on this table', 'Export…', 'Copy name', 'Import CSV…', 'Empty table…', 'Drop table…']);
    await menu.getByRole('menuitem', { name: 'Copy name' }).click();
    await expect.poll(() => readClipboard(page)).toBe('"public"."e2e_export"');
    expect(await tree.getByTestId('tree-notice').textContent()).toBe('Copied "public"."e2e_export".');

    await name.click({ button: 'right' });
    await menu.getByRole('menuitem', { name: 'New query on this table' }).click();
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).toBe('e2e_export×');
    await expect.poll(() => page.locator('.cm-content').textContent()).toBe('SELECT *FROM "public"."e2e_export"');

    // Structure opens the table's browser on its Structure view.
    await name.click({ button: 'right' });
    await menu.getByRole('menuitem', { name: 'Structure' }).click();
    const structure = page.getByTestId('table-structure');
    await structure.waitFor();
    expect(await structure.getByTestId('structure-columns').locator('tbody tr').count()).toBe(3);

    exportTarget = dir.join('from-tree.json');
    await name.click({ button: 'right' });
    await menu.getByRole('menuitem', { name: 'Export…' }).click();
    const dialog = page.getByTestId('export-dialog');
    expect(await dialog.getByRole('heading').textContent()).toBe('Export public.e2e_export');
    await dialog.getByLabel('JSON').check();
    await dialog.getByRole('button', { name: 'Choose file…' }).click();
    const browser = page.getByTestId('table-browser');
    await expect.poll(() => browser.getByTestId('file-export-status').textContent(), { timeout: 20_000 }).toMatch(/^Exported 20,000 rows .* to .*from-tree\.json×$/);
    const rows = JSON.parse(readFileSync(exportTarget, 'utf8')) as { id: number; name: string; amount: number | null }[];
    expect(rows).toHaveLength(20_000);
    expect(rows[9]).toEqual({ id: 10, name: 'name 10', amount: null });
    // The browsers and the query tab are all named after the table.
    const closers = page.getByRole('button', { name: 'Close e2e_export' });
    expect(await closers.count()).toBe(3);
    for (let left = 3; left > 0; left--) await closers.first().click();
    await expect.poll(() => closers.count()).toBe(0);
    await tree.getByLabel('Filter tables').fill('');
  });
  it('opens another database of the server from the schema tree in a tab of its own, and back', async () => {
    const tree = page.getByTestId('schema-tree');
    const picker = tree.getByLabel('Database');
    await expect.poll(() => picker.inputValue(), { timeout: 10_000 }).toBe(postgres.database);
    expect(await picker.locator('option').allTextContents()).toEqual(expect.arrayContaining(['burrow', 'postgres']));
    await picker.selectOption('postgres');
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent(), { timeout: 15_000 }).toBe('Staging over SSH · postgres×');
    await expect.poll(() => tree.getByLabel('Database').inputValue(), { timeout: 10_000 }).toBe('postgres');
    expect(await tree.locator('.tree-name').allTextContents()).not.toContain('▦ e2e_people');
    await typeSql(page, 'SELECT current_database() AS db');
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('grid-row').first().locator('.cell').allTextContents(), { timeout: 10_000 }).toEqual(['postgres']);
    // Back to the profile's own database: its session's tab comes to the front, no new session.
    const sessions = value<unknown[]>(await host.core.dispatch('sessions.list', {})).length;
    await tree.getByLabel('Database').selectOption(postgres.database);
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).not.toBe('Staging over SSH · postgres×');
    expect(value<unknown[]>(await host.core.dispatch('sessions.list', {})).length).toBe(sessions);
    await expect.poll(() => tree.locator('.tree-name').allTextContents(), { timeout: 10_000 }).toContain('▦ e2e_people');
  });
  it('empties and drops a table from the schema tree only once its name is typed; an error (a dependent view) is shown, CASCADE goes through', async () => {
    await typeSql(page, 'CREATE VIEW e2e_export_view AS SELECT id FROM e2e_export');
    await page.getByTestId('run').click();
    const tree = page.getByTestId('schema-tree');
    await expect.poll(() => tree.locator('.tree-name').allTextContents(), { timeout: 10_000 }).toContain('◇ e2e_export_view');
    const name = tree.getByTitle('Browse public.e2e_export', { exact: true });
    const menu = page.getByTestId('tree-menu');
    const dialog = page.getByTestId('table-change');

    await name.click({ button: 'right' });
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Browse', 'Structure', 'New query on this table', 'Export…', 'Copy name', 'Import CSV…', 'Empty table…', 'Drop table…']);
    await menu.getByRole('menuitem', { name: 'Empty table…' }).click();
    expect(await dialog.getByTestId('table-change-sql').textContent()).toBe('TRUNCATE TABLE "public"."e2e_export"');
    const confirm = dialog.getByRole('button', { name: 'Empty table' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(/to confirm/).fill('e2e_expor');
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(/to confirm/).fill('e2e_export');
    await confirm.click();
    await expect.poll(() => tree.getByTestId('tree-notice').textContent(), { timeout: 10_000 }).toBe('Emptied public.e2e_export.');
    await typeSql(page, 'SELECT count(*) AS left_over FROM e2e_export');
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('grid-row').first().locator('.cell').allTextContents(), { timeout: 10_000 }).toEqual(['0']);

    // Its browser is open while it is dropped: the tab goes with the table.
    await name.click();
    await expect.poll(() => page.getByRole('button', { name: 'Close e2e_export' }).count()).toBe(1);
    // The view depends on it: PostgreSQL refuses, and the dialog says so and stays.
    await name.click({ button: 'right' });
    await menu.getByRole('menuitem', { name: 'Drop table…' }).click();
    await dialog.getByLabel(/to confirm/).fill('e2e_export');
    await dialog.getByRole('button', { name: 'Drop table' }).click();
    await expect.poll(() => dialog.getByTestId('table-change-error').textContent(), { timeout: 10_000 }).toMatch(/depend/);
    await dialog.getByLabel(/CASCADE/).check();
    expect(await dialog.getByTestId('table-change-sql').textContent()).toBe('DROP TABLE "public"."e2e_export" CASCADE');
    await dialog.getByRole('button', { name: 'Drop table' }).click();
    await expect.poll(() => tree.getByTestId('tree-notice').textContent(), { timeout: 10_000 }).toBe('Dropped public.e2e_export.');
    expect(await page.getByRole('button', { name: 'Close e2e_export' }).count()).toBe(0);
    await expect.poll(() => tree.locator('.tree-name').allTextContents()).not.toContain('▦ e2e_export');
    expect(await tree.locator('.tree-name').allTextContents()).not.toContain('◇ e2e_export_view');
  });
  it('copies a browsed cell\'s value and its row, as text or as an INSERT into the table', async () => {
    await openTableByName(page, 'e2e_people');
    const browser = page.getByTestId('table-browser');
    await expect.poll(() => browser.getByTestId('browse-range').textContent(), { timeout: 10_000 }).toMatch(/^rows 1–\d+ \(end\)$/);
    const first = browser.getByTestId('browse-row').first();
    const texts = await first.locator('td').allTextContents();
    const nameCell = first.locator('td').nth(2);
    await nameCell.click({ button: 'right' });
    const menu = page.getByTestId('cell-menu');
    await menu.getByRole('menuitem', { name: 'Copy value', exact: true }).click();
    await expect.poll(() => readClipboard(page)).toBe(texts[2]);
    expect(await browser.getByTestId('browse-copy-status').textContent()).toBe('Copied the value of name.');
    await nameCell.click({ button: 'right' });
    await menu.getByRole('menuitem', { name: 'Copy row', exact: true }).click();
    await expect.poll(() => readClipboard(page)).toBe(texts.slice(1).join('\t'));
    await nameCell.click({ button: 'right' });
    await menu.getByRole('menuitem', { name: 'Copy row as SQL INSERT' }).click();
    await expect.poll(() => readClipboard(page)).toMatch(new RegExp(`^INSERT INTO "public"\\."e2e_people" \\("id", "name", "age"\\) VALUES \\(${texts[1]}, '${texts[2]}', `));
    await page.getByRole('button', { name: 'Close e2e_people' }).click();
  });
  it('imports a CSV file into a table from the schema tree after a preview: all rows or, when the server refuses one, none (with its line)', async () => {
    await typeSql(page, "CREATE TABLE e2e_import (id int PRIMARY KEY, name text, note text DEFAULT 'none')");
    await page.getByTestId('run').click();
    const tree = page.getByTestId('schema-tree');
    await expect.poll(() => tree.locator('.tree-name').allTextContents(), { timeout: 10_000 }).toContain('▦ e2e_import');
    const lines = ['id,name'];
    for (let id = 1; id <= 1200; id++) lines.push(id === 2 ? '2,""' : id === 3 ? '3,' : `${id},"name, ${id}"`);
    pickTarget = dir.join('people.csv');
    writeFileSync(pickTarget, `${lines.join('\r\n')}\r\n`);
    const name = tree.getByTitle('Browse public.e2e_import', { exact: true });
    const importFile = async (): Promise<void> => {
      await name.click({ button: 'right' });
      await page.getByTestId('tree-menu').getByRole('menuitem', { name: 'Import CSV…' }).click();
    };
    await importFile();
    const dialog = page.getByTestId('import-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('import-sample-row').count()).toBe(5);
    expect(await dialog.getByTestId('import-sample-row').nth(1).locator('td').allTextContents()).toEqual(['2', '']);
    expect(await dialog.getByTestId('import-sample-row').nth(2).locator('td').allTextContents()).toEqual(['3', 'NULL']);
    expect(await dialog.getByTestId('import-missing').textContent()).toBe('Not filled from the file, so they get their default: note.');
    expect(await dialog.getByLabel('Table column for name').inputValue()).toBe('name');
    await dialog.getByRole('button', { name: 'Import' }).click();
    const status = tree.getByTestId('import-status');
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toBe('Imported 1,200 rows into public.e2e_import.×');
    await typeSql(page, "SELECT count(*), count(name), count(*) FILTER (WHERE note = 'none'), count(*) FILTER (WHERE name = '') FROM e2e_import");
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('grid-row').first().locator('.cell').allTextContents(), { timeout: 10_000 }).toEqual(['1200', '1199', '1200', '1']);

    // A name the table lacks must be mapped or left out before anything is sent.
    writeFileSync(pickTarget, 'id,nickname,shoe size\r\n7000,Nick,44\r\n');
    await importFile();
    await expect.poll(() => dialog.getByTestId('import-problem').textContent()).toBe('Choose a table column for nickname, shoe size, or leave them out.');
    expect(await dialog.getByRole('button', { name: 'Import' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Table column for nickname').selectOption('name');
    await dialog.getByLabel('Table column for shoe size').selectOption('name');
    await expect.poll(() => dialog.getByTestId('import-problem').textContent()).toBe('nickname and shoe size both fill name: leave one of them out.');
    await dialog.getByLabel('Table column for shoe size').selectOption({ label: 'Leave out' });
    expect(await dialog.getByTestId('import-problem').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toBe('Imported 1 row into public.e2e_import.×');

    // A semicolon file without a header line: detected, then read again as data once the box is unticked.
    writeFileSync(pickTarget, '7001;Semi;colon\r\n7002;"a;b";\r\n');
    await importFile();
    await expect.poll(() => dialog.getByLabel('Delimiter').inputValue()).toBe(';');
    await dialog.getByLabel('First line names the columns').uncheck();
    await expect.poll(() => dialog.getByTestId('import-sample-row').count()).toBe(2);
    expect(await dialog.getByLabel('Table column for column 3').inputValue()).toBe('note');
    expect(await dialog.getByTestId('import-sample-row').nth(1).locator('td').allTextContents()).toEqual(['7002', 'a;b', 'NULL']);
    await dialog.getByLabel('Empty fields are NULL').uncheck();
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toBe('Imported 2 rows into public.e2e_import.×');
    await typeSql(page, "SELECT id, name, note FROM e2e_import WHERE id >= 7000 ORDER BY id");
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('grid-row').nth(2).locator('.cell').allTextContents(), { timeout: 10_000 }).toEqual(['7002', 'a;b', '']);
    expect(await page.getByTestId('grid-row').first().locator('.cell').allTextContents()).toEqual(['7000', 'Nick', 'none']);
    expect(await page.getByTestId('grid-row').nth(1).locator('.cell').allTextContents()).toEqual(['7001', 'Semi', 'colon']);
    await typeSql(page, "SELECT count(*) FROM e2e_import");

    // Ids that are there already: the server refuses, the line is named, and nothing is imported.
    writeFileSync(pickTarget, 'id,name\r\n5000,new\r\n5,again\r\n');
    await importFile();
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/^Import into public\.e2e_import failed: .*line 3: .*duplicate key.*nothing was imported×$/);
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('grid-row').first().locator('.cell').first().textContent(), { timeout: 10_000 }).toBe('1203');
    await status.getByRole('button', { name: 'Dismiss' }).click();
    pickTarget = null;
  });
  it('switches tabs with Ctrl+Tab, Ctrl+Shift+Tab and Ctrl+1…9, from the editor too', async () => {
    const tabs = page.getByRole('tab');
    expect(await tabs.count()).toBeGreaterThan(2);
    const titles = await tabs.allTextContents();
    const selected = async (): Promise<string | null> => page.getByRole('tab', { selected: true }).textContent();
    // From inside the SQL editor, which takes most other keys.
    expect(await page.locator('.cm-content').count()).toBe(1);
    await page.locator('.cm-content').focus();
    await page.keyboard.press('Control+1');
    await expect.poll(selected).toBe(titles[0]);
    await page.keyboard.press('Control+Tab');
    await expect.poll(selected).toBe(titles[1]);
    await page.keyboard.press('Control+Shift+Tab');
    await page.keyboard.press('Control+Shift+Tab');
    await expect.poll(selected).toBe(titles.at(-1));
    await page.keyboard.press('Control+2');
    await expect.poll(selected).toBe(titles[1]);
    await page.keyboard.press('Control+9');
    await expect.poll(selected).toBe(titles.at(-1));
  });
  it('duplicates a browsed row as a new one (Mod+D), its key left to fill in, and saves it', async () => {
    // Back on a tab of the session whose database holds e2e_people.
    await page.getByRole('tab', { name: /Staging over SSH/ }).filter({ hasNotText: '·' }).first().click();
    await expect.poll(() => page.getByTestId('schema-tree').locator('.tree-name').allTextContents(), { timeout: 10_000 }).toContain('▦ e2e_people');
    await openTableByName(page, 'e2e_people');
    const browser = page.getByTestId('table-browser');
    await expect.poll(() => browser.getByTestId('browse-range').textContent(), { timeout: 10_000 }).toMatch(/^rows 1–\d+ \(end\)$/);
    const before = await browser.getByTestId('browse-row').count();
    const source = await browser.getByTestId('browse-row').first().locator('td').allTextContents();
    await browser.getByTestId('browse-row').first().locator('td').nth(1).click();
    await page.keyboard.press('Control+D');
    const added = browser.getByTestId('browse-new-row');
    await expect.poll(() => added.count()).toBe(1);
    // The key is left to fill in; the other cells are the source row's.
    expect((await added.locator('td').allTextContents()).slice(1)).toEqual(['DEFAULT', ...source.slice(2)]);
    await added.locator('td').nth(1).dblclick();
    await browser.getByLabel('Cell value').fill('99');
    await browser.getByLabel('Cell value').press('Enter');
    await browser.getByRole('button', { name: /^Save changes \(1\)$/ }).click();
    await expect.poll(() => browser.getByTestId('edit-status').textContent(), { timeout: 10_000 }).toBe('Saved: 0 updated, 1 inserted, 0 deleted.');
    await expect.poll(() => browser.getByTestId('browse-row').count(), { timeout: 10_000 }).toBe(before + 1);
    await page.getByRole('button', { name: 'Close e2e_people' }).click();
  });

  it('opens a SQL file into a tab of its own, runs it, saves edits back in place, saves as another file, and asks before closing unsaved edits', async () => {
    const report = dir.join('report.sql');
    writeFileSync(report, '\uFEFFSELECT 41 + 1 AS answer');
    pickTarget = report;
    exportTarget = null;
    const tabsBefore = await page.getByRole('tab').count();
    await page.getByTestId('file-menu-button').click();
    await page.getByTestId('file-menu').getByRole('menuitem', { name: 'Open SQL file…' }).click();
    const reportTab = page.getByRole('tab', { name: /^report\.sql/ });
    await expect.poll(() => reportTab.getAttribute('aria-selected')).toBe('true');
    expect(await page.getByRole('tab').count()).toBe(tabsBefore + 1);
    expect(await page.locator('.cm-content').textContent()).toBe('SELECT 41 + 1 AS answer');
    expect(await page.getByTestId('file-status').textContent()).toBe(`Opened ${report}.`);
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('grid-row').first().locator('.cell').allTextContents(), { timeout: 10_000 }).toEqual(['42']);

    // An edit marks the tab; Mod+Shift+S writes the file in place, with no dialog.
    await page.locator('.cm-content').focus();
    await page.keyboard.press('End');
    await page.keyboard.type(', 2 AS two');
    await expect.poll(() => reportTab.locator('button').first().textContent()).toBe('report.sql •');
    const dialogsBefore = suggestedNames.length;
    await page.keyboard.press('Control+Shift+S');
    await expect.poll(() => page.getByTestId('file-status').textContent()).toBe(`Saved to ${report}.`);
    expect(readFileSync(report, 'utf8')).toBe('SELECT 41 + 1 AS answer, 2 AS two');
    expect(suggestedNames.length).toBe(dialogsBefore);
    expect(await reportTab.locator('button').first().textContent()).toBe('report.sql');

    // Save As asks where, and the tab follows the new file.
    const copy = dir.join('copy.sql');
    exportTarget = copy;
    await page.keyboard.press('Control+Alt+S');
    await expect.poll(() => page.getByTestId('file-status').textContent()).toBe(`Saved to ${copy}.`);
    expect(suggestedNames.at(-1)).toBe('report.sql');
    expect(readFileSync(copy, 'utf8')).toBe('SELECT 41 + 1 AS answer, 2 AS two');
    const copyTab = page.getByRole('tab', { name: /^copy\.sql/ });
    expect(await copyTab.count()).toBe(1);

    // A file that is not UTF-8 is refused with what to do; the tab is left as it was.
    const latin1 = dir.join('latin1.sql');
    writeFileSync(latin1, Buffer.from("SELECT 'caf\xe9'", 'latin1'));
    pickTarget = latin1;
    await page.locator('.cm-content').focus();
    await page.keyboard.press('Control+O');
    await expect.poll(() => page.getByTestId('file-status').textContent()).toBe(`Cannot open the file: ${latin1} is not UTF-8 text: save it as UTF-8 in another editor and open it again`);
    expect(await page.getByRole('tab').count()).toBe(tabsBefore + 1);

    // Closing with edits the file lacks asks; cancelling keeps the tab, agreeing closes it.
    await page.locator('.cm-content').focus();
    await page.keyboard.type(' -- more');
    const asked: string[] = [];
    page.once('dialog', (question) => {
      asked.push(question.message());
      void question.dismiss();
    });
    await page.getByRole('button', { name: 'Close copy.sql' }).click();
    expect(asked).toEqual([`copy.sql has changes that are not saved to ${copy}. Close the tab and lose them?`]);
    expect(await copyTab.count()).toBe(1);
    page.once('dialog', (question) => void question.accept());
    await page.getByRole('button', { name: 'Close copy.sql' }).click();
    await expect.poll(() => copyTab.count()).toBe(0);
    expect(readFileSync(copy, 'utf8')).toBe('SELECT 41 + 1 AS answer, 2 AS two');
    pickTarget = null;
    exportTarget = null;
  });

  it('changes a table\'s structure from its Structure view: adds, renames and drops columns, adds an index, and keeps a server error in the dialog', async () => {
    await typeSql(page, 'CREATE TABLE e2e_structure (id int PRIMARY KEY, label text)');
    await page.getByTestId('run').click();
    const tree = page.getByTestId('schema-tree');
    await expect.poll(() => tree.locator('.tree-name').allTextContents(), { timeout: 10_000 }).toContain('▦ e2e_structure');
    await tree.getByTitle('Browse public.e2e_structure', { exact: true }).click({ button: 'right' });
    await page.getByTestId('tree-menu').getByRole('menuitem', { name: 'Structure' }).click();
    const structure = page.getByTestId('table-structure');
    await structure.waitFor();
    const columns = () => structure.getByTestId('structure-columns').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[1]?.textContent));
    const dialog = page.getByTestId('structure-change');
    const sql = dialog.getByTestId('structure-change-sql');

    await structure.getByRole('button', { name: '+ Column' }).click();
    await dialog.getByLabel('Name').fill('qty');
    await dialog.getByLabel('Type').fill('integer');
    await dialog.getByLabel('Allows NULL').uncheck();
    await dialog.getByLabel('Default', { exact: true }).check();
    await dialog.getByLabel('Default expression').fill('0');
    expect(await sql.textContent()).toBe('ALTER TABLE "public"."e2e_structure" ADD COLUMN "qty" integer NOT NULL DEFAULT 0');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => structure.getByTestId('structure-notice').textContent(), { timeout: 10_000 }).toBe('Done: ALTER TABLE "public"."e2e_structure" ADD COLUMN "qty" integer NOT NULL DEFAULT 0');
    await expect.poll(columns, { timeout: 10_000 }).toEqual(['id', 'label', 'qty']);

    await structure.getByRole('button', { name: 'Change column label' }).click();
    await dialog.getByLabel('Name').fill('title');
    expect(await sql.textContent()).toBe('ALTER TABLE "public"."e2e_structure" RENAME COLUMN "label" TO "title"');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(columns, { timeout: 10_000 }).toEqual(['id', 'title', 'qty']);

    await structure.getByRole('button', { name: '+ Index' }).click();
    await dialog.getByLabel('qty').check();
    await dialog.getByLabel('Unique').check();
    expect(await sql.textContent()).toBe('CREATE UNIQUE INDEX "e2e_structure_qty_key" ON "public"."e2e_structure" ("qty")');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    const indexes = structure.getByTestId('structure-indexes');
    await expect.poll(() => indexes.textContent(), { timeout: 10_000 }).toContain('e2e_structure_qty_key');

    // A type the server does not know: its error stays in the dialog, and nothing changes.
    await structure.getByRole('button', { name: '+ Column' }).click();
    await dialog.getByLabel('Name').fill('broken');
    await dialog.getByLabel('Type').fill('no_such_type');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => dialog.getByTestId('structure-change-error').textContent(), { timeout: 10_000 }).toMatch(/type "no_such_type" does not exist/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Dropping a column asks for its name; its index goes with it.
    await structure.getByRole('button', { name: 'Drop column qty' }).click();
    const drop = dialog.getByRole('button', { name: 'Drop' });
    expect(await drop.isDisabled()).toBe(true);
    await dialog.getByLabel('Type qty to confirm').fill('qty');
    expect(await sql.textContent()).toBe('ALTER TABLE "public"."e2e_structure" DROP COLUMN "qty"');
    await drop.click();
    await expect.poll(columns, { timeout: 10_000 }).toEqual(['id', 'title']);
    expect(await indexes.textContent()).not.toContain('e2e_structure_qty_key');
    await page.getByRole('button', { name: 'Close e2e_structure' }).click();
  });

  it('creates a table from the schema tree: columns, key and auto-increment shown as CREATE TABLE, then opened', async () => {
    const tree = page.getByTestId('schema-tree');
    await tree.getByRole('button', { name: 'New table' }).click();
    const dialog = page.getByTestId('new-table');
    await dialog.getByLabel('Table name').fill('e2e_new');
    const create = dialog.getByRole('button', { name: 'Create table' });
    expect(await dialog.getByTestId('new-table-problem').textContent()).toBe('Column 2 needs a name.');
    expect(await create.isDisabled()).toBe(true);
    await dialog.getByLabel('Column 2 name').fill('code');
    await dialog.getByRole('button', { name: '+ Column' }).click();
    await dialog.getByLabel('Column 3 name').fill('qty');
    await dialog.getByLabel('Column 3 type').fill('integer');
    await dialog.getByLabel('Column 3 allows NULL').uncheck();
    await dialog.getByLabel('Column 3 default').fill('0');
    expect(await dialog.getByTestId('new-table-sql').textContent()).toBe(
      'CREATE TABLE "public"."e2e_new" (\n  "id" integer GENERATED BY DEFAULT AS IDENTITY NOT NULL,\n  "code" text,\n  "qty" integer NOT NULL DEFAULT 0,\n  PRIMARY KEY ("id")\n)');
    await create.click();
    await expect.poll(() => tree.getByTestId('tree-notice').textContent(), { timeout: 10_000 }).toBe('Created public.e2e_new.');
    await page.getByRole('tab', { name: /▦ e2e_new/ }).waitFor();
    const browser = page.getByTestId('table-browser');
    await expect.poll(() => browser.getByTestId('browse-range').textContent(), { timeout: 10_000 }).toBe('no rows');
    await browser.getByRole('button', { name: 'Structure' }).click();
    await expect.poll(() => browser.getByTestId('structure-columns').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[1]?.textContent)), { timeout: 10_000 }).toEqual(['id', 'code', 'qty']);
    await page.getByRole('button', { name: 'Close e2e_new' }).click();
  });

  it('adds a foreign key from the Structure view, paired with the referenced key, and drops it', async () => {
    await openTableByName(page, 'e2e_new');
    const browser = page.getByTestId('table-browser');
    await browser.getByRole('button', { name: 'Structure' }).click();
    const structure = browser.getByTestId('table-structure');
    await structure.getByRole('button', { name: '+ Foreign key' }).click();
    const dialog = page.getByTestId('structure-change');
    expect(await dialog.getByTestId('structure-change-problem').textContent()).toBe('Choose the table it references.');
    await dialog.getByLabel('qty', { exact: true }).check();
    await dialog.getByLabel('Referenced table').selectOption('public.e2e_structure');
    expect(await dialog.getByLabel('qty references').inputValue()).toBe('id');
    await dialog.getByLabel('On delete').selectOption('SET NULL');
    expect(await dialog.getByTestId('structure-change-sql').textContent()).toBe(
      'ALTER TABLE "public"."e2e_new" ADD CONSTRAINT "e2e_new_qty_fkey" FOREIGN KEY ("qty") REFERENCES "public"."e2e_structure" ("id") ON DELETE SET NULL');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    const foreignKeys = structure.getByTestId('structure-foreign-keys');
    await expect.poll(() => foreignKeys.textContent(), { timeout: 10_000 }).toContain('e2e_new_qty_fkey');
    await structure.getByRole('button', { name: 'Drop foreign key e2e_new_qty_fkey' }).click();
    expect(await dialog.getByTestId('structure-change-sql').textContent()).toBe('ALTER TABLE "public"."e2e_new" DROP CONSTRAINT "e2e_new_qty_fkey"');
    await dialog.getByRole('button', { name: 'Drop' }).click();
    await expect.poll(() => structure.getByTestId('structure-foreign-keys').count(), { timeout: 10_000 }).toBe(0);
    await page.getByRole('button', { name: 'Close e2e_new' }).click();
  });

  it('shows the server\'s activity from a connection of its own while the tab\'s query runs, and cancels that query from there', async () => {
    await typeSql(page, 'SELECT pg_sleep(20) AS long_one');
    await page.getByTestId('run').click();
    await page.getByRole('button', { name: 'Activity' }).click();
    const dialog = page.getByTestId('activity');
    const mine = dialog.getByTestId('activity-row').filter({ hasText: '(this connection)' });
    await expect.poll(() => mine.textContent(), { timeout: 10_000 }).toContain('SELECT pg_sleep(20) AS long_one');
    expect(await mine.locator('td').nth(4).textContent()).toBe('active');
    const asked: string[] = [];
    page.once('dialog', (question) => {
      asked.push(question.message());
      void question.accept();
    });
    await mine.getByRole('button', { name: /^Cancel the statement of process \d+$/ }).click();
    await expect.poll(() => dialog.getByTestId('activity-notice').textContent(), { timeout: 10_000 }).toMatch(/^Cancelled the statement of process \d+\.$/);
    expect(asked).toEqual([expect.stringMatching(/^Cancel the statement process \d+ is running\? It is this connection's own\.$/)]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 10_000 }).toMatch(/ · cancelled · /);
  });

  it('copies a browsed value the page holds cut (over 256 KiB) whole, by reading its row again; a row changed since is not copied', async () => {
    await typeSql(page, "CREATE TABLE e2e_big (id int PRIMARY KEY, body text); INSERT INTO e2e_big VALUES (1, repeat('x', 300000) || 'END'), (2, 'small')");
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('schema-tree').locator('.tree-name').allTextContents(), { timeout: 10_000 }).toContain('▦ e2e_big');
    await openTableByName(page, 'e2e_big');
    const browser = page.getByTestId('table-browser');
    await expect.poll(() => browser.getByTestId('browse-range').textContent(), { timeout: 10_000 }).toBe('rows 1–2 (end)');
    const bodyCell = browser.getByTestId('browse-row').first().locator('td').nth(2);
    const menu = page.getByTestId('cell-menu');
    await bodyCell.click({ button: 'right' });
    expect(await menu.getByRole('menuitem', { name: 'Copy row (as shown, cut)' }).count()).toBe(1);
    await menu.getByRole('menuitem', { name: 'Copy value', exact: true }).click();
    await expect.poll(() => browser.getByTestId('browse-copy-status').textContent(), { timeout: 10_000 }).toBe('Copied the whole value of body.');
    const copied = await readClipboard(page);
    expect(copied.length).toBe(300_003);
    expect(copied.endsWith('xxEND')).toBe(true);

    // Row 1 deleted behind the page's back: the row at its place is another one, so nothing is copied.
    // The session whose database holds the table (another database of the server may be open too).
    const sessions = value<{ sessionId: string; profileName: string }[]>(await host.core.dispatch('sessions.list', {})).filter((s) => s.profileName === 'Staging over SSH');
    const deleted = await Promise.all(sessions.map((s) => runSql(host, s.sessionId, 'DELETE FROM e2e_big WHERE id = 1').then(() => true, () => false)));
    expect(deleted.filter(Boolean)).toHaveLength(1);
    await bodyCell.click({ button: 'right' });
    await menu.getByRole('menuitem', { name: 'Copy value', exact: true }).click();
    await expect.poll(() => browser.getByTestId('browse-copy-status').textContent(), { timeout: 10_000 }).toBe('Could not copy: the row changed since this page was read. Reload, then copy again.');
    await page.getByRole('button', { name: 'Close e2e_big' }).click();
  });

  it('offers what SQLite cannot change in place as a rebuild script in a query tab', async () => {
    await page.getByRole('button', { name: /Sample \(SQLite\)/ }).click();
    const tree = page.getByTestId('schema-tree');
    await tree.getByTitle(/^Browse (main\.)?orders$/).click({ button: 'right', timeout: 15_000 });
    await page.getByTestId('tree-menu').getByRole('menuitem', { name: 'Structure' }).click();
    const structure = page.getByTestId('table-structure');
    await structure.getByRole('button', { name: 'Change column note' }).click();
    const dialog = page.getByTestId('structure-change');
    await dialog.getByLabel('Type').fill('VARCHAR(200)');
    expect(await dialog.getByTestId('structure-change-problem').textContent()).toBe('Its type: not changed in place on this engine; write the ALTER TABLE yourself.');
    expect(await dialog.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Open a rebuild script in a query tab' }).click();
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).toBe('Rebuild orders×');
    const script = (await page.locator('.cm-line').allTextContents()).join('\n');
    expect(script).toMatch(/^-- SQLite changes a column's type, NULL or default only by rebuilding its table/);
    expect(script).toContain('"note" VARCHAR(200)');
    expect(script).toContain('INSERT INTO "main"."orders__rebuild" ("id", "customer_id", "status", "ordered_at", "note") SELECT "id", "customer_id", "status", "ordered_at", "note" FROM "main"."orders";');
    expect(script).toContain('CREATE INDEX "main"."orders_customer" ON "orders" ("customer_id");');
  });
});
