import type { Page } from 'playwright-core';
import { MemoryKeychain } from '../env/memoryKeychain';
import type { PlatformAdapter } from '../../electron/core/createCore';
import { startTestHost, type TestHost } from '../host/testHost';
import { launchChromium, type LaunchedBrowser } from './chromium';

export interface Ui {
  host: TestHost;
  page: Page;
  stop(): Promise<void>;
}

/**
 * The built renderer in Chromium, against a test host with a fresh core on `dataDir` (an in-memory
 * keychain, fresh unless one is given). `prepare` runs against the core before the page loads
 * (profiles, keys, known hosts); `platform` stands in for Electron's file dialogs.
 */
export async function openUi(
  dataDir: string,
  prepare: (host: TestHost) => Promise<void> = async () => {},
  platform?: PlatformAdapter,
  keychain: MemoryKeychain = new MemoryKeychain(),
): Promise<Ui> {
  const host = await startTestHost({ dataDir, keychain, ...(platform ? { platform } : {}) });
  let chromium: LaunchedBrowser | null = null;
  const stop = async (): Promise<void> => {
    await chromium?.close();
    await host.stop();
  };
  try {
    await prepare(host);
    chromium = await launchChromium();
    const page = await chromium.browser.newPage();
    await page.goto(host.url);
    await page.getByTestId('app-ready').waitFor();
    return { host, page, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
