import { chromium, type Browser } from 'playwright-core';
import { requireBinary } from '../env/binaries';

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with no background traffic. Playwright gives it a fresh temp profile. */
export async function launchChromium(): Promise<LaunchedBrowser> {
  const executablePath = requireBinary(['/usr/bin/chromium', 'chromium'], 'chromium');
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}
