import type { Page } from 'playwright-core';

/** Replaces the SQL editor's text by typing, as a user would. */
export async function typeSql(page: Page, sql: string): Promise<void> {
  // Focus, not a click: an open completion list may cover the text.
  await page.locator('.cm-content').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(sql);
  // Typing may have started a completion (shown after a delay): Escape ends it, pending or shown,
  // so it cannot take a later Enter or cover a button.
  await page.keyboard.press('Escape');
}

/** Enter on a shown completion list; the list takes no Enter in its first 75 ms (CodeMirror's interactionDelay). */
export async function acceptCompletion(page: Page): Promise<void> {
  await page.waitForTimeout(150);
  await page.keyboard.press('Enter');
}
