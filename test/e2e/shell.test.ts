import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../env/tempDir';
import { MemoryKeychain } from '../env/memoryKeychain';
import { startTestHost, type TestHost } from '../host/testHost';
import { launchChromium, type LaunchedBrowser } from './chromium';

describe('e2e: the app shell in Chromium through the test host', () => {
  let dataDir: TempDir;
  let host: TestHost;
  let chromium: LaunchedBrowser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    dataDir = makeTempDir('e2e-data');
    host = await startTestHost({ dataDir: dataDir.path, keychain: new MemoryKeychain() });
    chromium = await launchChromium();
    page = await chromium.browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(host.url);
    await page.getByTestId('app-ready').waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await chromium?.close();
    await host?.stop();
    dataDir?.remove();
  });

  it('renders the shell with data from the real core', async () => {
    await expect(page.getByRole('heading', { name: 'Burrow' }).isVisible()).resolves.toBe(true);
    const version = await page.getByTestId('app-version').textContent();
    expect(version).toContain('Version 0.0.0-test');
    expect(version).toContain(`Node ${process.versions.node}`);
  });

  it('lists the first-run Sample (SQLite) profile from the real store', async () => {
    const item = page.getByTestId('profile-item');
    await item.first().waitFor();
    expect(await item.locator('.profile-name').allTextContents()).toEqual(['Sample (SQLite)']);
    expect(await item.locator('.profile-meta').allTextContents()).toEqual(['SQLite']);
  });

  it('gives the page no Node access, only window.burrow', async () => {
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>).require,
      process: typeof (globalThis as Record<string, unknown>).process,
      module: typeof (globalThis as Record<string, unknown>).module,
      burrow: typeof (globalThis as Record<string, unknown>).burrow,
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', burrow: 'object' });
  });

  it('answers a contract call with the result envelope, and VALIDATION for a bad payload', async () => {
    const results = await page.evaluate(async () => {
      const api = (globalThis as unknown as { burrow: { app: { info(p: unknown): Promise<unknown> } } }).burrow;
      return [await api.app.info({}), await api.app.info({ unexpected: true })];
    });
    expect(results[0]).toMatchObject({ ok: true, value: { name: 'Burrow', runtime: 'test-host' } });
    expect(results[1]).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('blocks an injected inline script with the CSP', async () => {
    const ran = await page.evaluate(async () => {
      // Browser-side code; the node typecheck has no DOM lib, hence the narrow shape.
      type Doc = { createElement(tag: string): { textContent: string }; body: { appendChild(node: unknown): void } };
      const page = globalThis as unknown as { injectedRan?: boolean; document: Doc };
      const script = page.document.createElement('script');
      script.textContent = 'globalThis.injectedRan = true;';
      page.document.body.appendChild(script);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return page.injectedRan === true;
    });
    expect(ran).toBe(false);
    expect(consoleErrors.some((text) => /Content Security Policy/i.test(text))).toBe(true);
  });

  it('refuses requests without the host token', async () => {
    const response = await fetch(`${host.origin}/`);
    expect(response.status).toBe(403);
  });
});
