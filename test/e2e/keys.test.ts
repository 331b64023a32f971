import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey, makeTempDir, type GeneratedKey, type TempDir } from '../env';
import { run } from '../env/run';
import { openUi, type Ui } from './ui';

describe('e2e: SSH key management in the UI', () => {
  let dir: TempDir;
  let ui: Ui;
  let page: Page;
  let locked: GeneratedKey;
  let fingerprint: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-keys');
    locked = await generateKey(dir.path, 'id_locked', { type: 'ecdsa', bits: 384, passphrase: 'correct horse' });
    fingerprint = (await run('ssh-keygen', ['-l', '-f', locked.publicKeyPath])).stdout.split(' ')[1]!;
    ui = await openUi(dir.join('data'));
    page = ui.page;
    await page.getByRole('button', { name: 'Keys', exact: true }).click();
    await page.getByTestId('keys-panel').waitFor();
  });

  afterAll(async () => {
    await ui?.stop();
    dir?.remove();
  });

  it('imports a pasted encrypted key: a wrong passphrase is refused, the right one shows the OpenSSH fingerprint', async () => {
    await page.getByRole('button', { name: 'Import…' }).click();
    const form = page.getByTestId('import-key');
    await form.getByLabel('…or paste the private key').fill(locked.privateKey.toString('utf8'));
    await form.getByLabel('Passphrase (if the key has one)').fill('wrong horse');
    await form.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.getByTestId('import-error').textContent()).toMatch(/^KEY_PASSPHRASE_WRONG: /);
    await form.getByLabel('Passphrase (if the key has one)').fill('correct horse');
    await form.getByRole('button', { name: 'Import' }).click();
    const row = page.getByTestId('key-row');
    await row.first().waitFor();
    expect(await row.first().locator('.mono').textContent()).toBe(fingerprint);
    expect(await row.first().textContent()).toContain('ecdsa 384');
  });

  it('generates an ed25519 key, and refuses a pasted public key with a specific reason', async () => {
    await page.getByRole('button', { name: 'Generate…' }).click();
    await page.getByLabel('Name', { exact: true }).fill('laptop');
    await page.getByRole('button', { name: 'Generate' }).click();
    await expect.poll(() => page.getByTestId('key-row').count()).toBe(2);
    expect(await page.getByTestId('key-row').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^laptop.*ed25519 256.*SHA256:/)]));

    const panel = page.getByTestId('keys-panel');
    await panel.getByRole('button', { name: 'Import…' }).click();
    await panel.getByLabel('…or paste the private key').fill(locked.publicKey);
    await panel.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByTestId('import-error').textContent()).toMatch(/public key, not a private key/);
  });
});
