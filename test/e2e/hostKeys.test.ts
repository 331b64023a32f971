import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { value } from '../support/value';
import { generateKey, makeTempDir, startPostgres, startSshd, type PostgresServer, type SshdServer, type TempDir } from '../env';
import type { TestHost } from '../host/testHost';
import { openUi, type Ui } from './ui';


// A changed host key is a hard stop; the only way past it is the explicit "forget", which asks
// first. Then the new key is shown like any unknown key, and the Hosts panel lists and forgets keys.
describe('e2e: changed host keys and the trusted-hosts panel', () => {
  let dir: TempDir;
  let ui: Ui;
  let host: TestHost;
  let page: Page;
  let sshd: SshdServer;
  let postgres: PostgresServer;
  const dialogs: string[] = [];

  beforeAll(async () => {
    dir = makeTempDir('e2e-hostkeys');
    const key = await generateKey(dir.path, 'id_ed25519');
    const impostor = await generateKey(dir.path, 'impostor_ed25519');
    [sshd, postgres] = await Promise.all([startSshd({ authorizedKeys: [key.publicKey] }), startPostgres()]);
    ui = await openUi(dir.join('data'), async (starting) => {
      const imported = value<{ id: string }>(await starting.core.dispatch('keys.import', { source: { kind: 'path', path: key.privateKeyPath } }));
      // What Burrow remembered for this host:port is not the key the server has now.
      const [keyType, blob] = impostor.publicKey.trim().split(/\s+/);
      value(await starting.core.dispatch('knownHosts.add', { host: sshd.host, port: sshd.port, keyType, key: blob }));
      value(await starting.core.dispatch('profiles.save', {
        name: 'Moved server', engine: 'postgres', host: postgres.host, port: postgres.port, database: postgres.database,
        user: postgres.user, password: postgres.password,
        ssh: { hops: [{ id: 'h', host: sshd.host, port: sshd.port, username: sshd.account.username, auth: [{ type: 'publickey', keyId: imported.id }] }] },
      }));
    });
    ({ host, page } = ui);
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
  });

  afterAll(async () => {
    await ui?.stop();
    await Promise.all([sshd?.stop(), postgres?.stop()]);
    dir?.remove();
  });

  it('refuses a changed key with both fingerprints, and forgets the old one only when asked', async () => {
    await page.getByRole('button', { name: /^Moved server PostgreSQL/ }).click();
    const item = page.getByTestId('profile-item');
    await expect.poll(() => item.getByRole('alert').textContent(), { timeout: 15_000 }).toMatch(/^SSH_HOST_KEY_MISMATCH.*CHANGED/);
    expect(await page.getByTestId('prompt-hostKey').count()).toBe(0);
    await item.getByRole('button', { name: 'Forget this host key…' }).click();
    await expect.poll(() => item.getByRole('status').textContent()).toMatch(/^Forgot the old key/);
    expect(dialogs.at(-1)).toMatch(/changed[\s\S]*Now: ssh-ed25519 SHA256:[\s\S]*Before: ssh-ed25519 SHA256:/);
    expect(value<unknown[]>(await host.core.dispatch('knownHosts.list', {}))).toEqual([]);

    // Connecting again shows the new key like any unknown one.
    await page.getByRole('button', { name: /^Moved server PostgreSQL/ }).click();
    await page.getByTestId('prompt-hostKey').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Trust and remember' }).click();
    await page.getByRole('tab', { name: /Moved server/ }).waitFor({ timeout: 15_000 });
  });

  it('lists trusted keys in the Hosts panel and forgets one after asking', async () => {
    await page.getByRole('button', { name: 'Hosts', exact: true }).click();
    const panel = page.getByTestId('known-hosts-panel');
    const rows = panel.getByTestId('known-host-row');
    await expect.poll(() => rows.count()).toBe(1);
    const cells = await rows.first().locator('td').allTextContents();
    expect(cells.slice(0, 3)).toEqual([`[${sshd.host}]:${sshd.port}`, 'ssh-ed25519', expect.stringMatching(/^SHA256:/)]);
    await rows.first().getByRole('button', { name: 'Forget' }).click();
    await expect.poll(() => panel.getByRole('status').textContent()).toMatch(/^Forgot the ssh-ed25519 key/);
    await expect.poll(() => rows.count()).toBe(0);
    expect(dialogs.at(-1)).toMatch(/^Forget the ssh-ed25519 key of/);
    expect(value<unknown[]>(await host.core.dispatch('knownHosts.list', {}))).toEqual([]);
    await panel.getByRole('button', { name: 'Close' }).click();
  });
});
