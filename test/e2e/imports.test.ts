import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { value } from '../support/value';
import { generateKey, makeTempDir, type GeneratedKey, type TempDir } from '../env';
import type { TestHost } from '../host/testHost';
import { openUi, type Ui } from './ui';


// New connections without typing the route: a host of an ssh config (its ProxyJump chain becomes
// the hops, its IdentityFile can be imported on the spot) or a connection URL.
describe('e2e: import a connection from ssh config or a URL', () => {
  let dir: TempDir;
  let ui: Ui;
  let host: TestHost;
  let page: Page;
  let key: GeneratedKey;
  let configPath: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-imports');
    key = await generateKey(dir.path, 'id_bastion');
    configPath = dir.join('ssh_config');
    writeFileSync(configPath, [
      'Host bastion',
      '  HostName 192.0.2.10',
      '  Port 2222',
      '  User alice%privx%ops',
      `  IdentityFile ${key.privateKeyPath}`,
      'Host db-inner',
      '  HostName 10.1.2.3',
      '  User ops',
      '  ProxyJump bastion',
      '',
    ].join('\n'), { mode: 0o600 });
    ui = await openUi(dir.join('data'));
    ({ host, page } = ui);
  });

  afterAll(async () => {
    await ui?.stop();
    dir?.remove();
  });

  it('turns an ssh config host into SSH hops, importing its key on the way', async () => {
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const panel = page.getByTestId('import-panel');
    await panel.getByLabel('SSH config file').fill(configPath);
    await panel.getByRole('button', { name: 'Read' }).click();
    const hosts = panel.getByTestId('ssh-host');
    await expect.poll(() => hosts.locator('strong').allTextContents()).toEqual(['bastion', 'db-inner']);
    expect(await hosts.nth(1).textContent()).toMatch(/ops@10\.1\.2\.3:22 via bastion/);
    await hosts.nth(0).getByRole('button', { name: 'Import key' }).click();
    await expect.poll(() => panel.getByRole('status').textContent()).toMatch(/^Imported .*SHA256:/);
    const keys = value<{ fingerprint: string }[]>(await host.core.dispatch('keys.list', {}));
    expect(keys).toHaveLength(1);
    expect(await panel.getByRole('status').textContent()).toContain(keys[0]!.fingerprint);
    await expect.poll(() => panel.getByRole('button', { name: 'Import key' }).count()).toBe(0);

    await hosts.nth(1).getByRole('button', { name: 'Use as SSH route…' }).click();
    const form = page.getByTestId('connection-form');
    await form.waitFor();
    expect(await form.getByLabel('Name', { exact: true }).inputValue()).toBe('db-inner');
    expect(await form.getByTestId('hop').count()).toBe(2);
    expect(await form.getByLabel('Hop 1 host').inputValue()).toBe('192.0.2.10');
    expect(await form.getByLabel('Hop 1 port').inputValue()).toBe('2222');
    expect(await form.getByLabel('Hop 1 username').inputValue()).toBe('alice%privx%ops');
    expect(await form.getByLabel('Hop 1 key').inputValue()).not.toBe('');
    expect(await form.getByLabel('Hop 2 host').inputValue()).toBe('10.1.2.3');
    // The database part is the user's to fill in; saving keeps the imported hops and their auth.
    await form.getByLabel('Host (as the last hop sees it)', { exact: true }).fill('127.0.0.1');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    const saved = value<{ name: string; ssh: { hops: { host: string; port: number; username: string; auth: { type: string }[] }[] } }[]>(await host.core.dispatch('profiles.list', {}))
      .find((p) => p.name === 'db-inner')!;
    expect(saved.ssh.hops.map((h) => [h.host, h.port, h.username])).toEqual([['192.0.2.10', 2222, 'alice%privx%ops'], ['10.1.2.3', 22, 'ops']]);
    expect(saved.ssh.hops[0]!.auth[0]).toMatchObject({ type: 'publickey' });
  });

  it('reads a connection URL and saves it, the password going to the keychain only', async () => {
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const panel = page.getByTestId('import-panel');
    await panel.getByRole('button', { name: 'From URL' }).click();
    await panel.getByLabel('Connection URL').fill('postgres://alice:s3cret@db.internal:6543/app?sslmode=verify-full');
    await panel.getByRole('button', { name: 'Read URL' }).click();
    await expect.poll(() => panel.getByTestId('parsed-url').locator('p').first().textContent())
      .toBe('postgres · alice@db.internal:6543/app · TLS verify-full · password in the URL (saved to the keychain, never shown)');
    expect(await panel.getByTestId('parsed-url').textContent()).not.toContain('s3cret');
    await panel.getByRole('button', { name: 'Save connection' }).click();
    await panel.waitFor({ state: 'detached' });
    // Gone from the page with the panel, and in no file of the data dir as plain text (the vault is encrypted).
    expect(await page.content()).not.toContain('s3cret');
    for (const file of readdirSync(dir.join('data'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())) {
      expect(readFileSync(path.join(file.parentPath, file.name), 'utf8')).not.toContain('s3cret');
    }
    await page.getByRole('button', { name: /^db\.internal|app/ }).first().waitFor();
    const saved = value<{ host: string; port: number; database: string; hasPassword: boolean; tls: { mode: string } }[]>(await host.core.dispatch('profiles.list', {}))
      .find((p) => p.host === 'db.internal')!;
    expect(saved).toMatchObject({ port: 6543, database: 'app', hasPassword: true, tls: { mode: 'verify-full' } });
  });
});
