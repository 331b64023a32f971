import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BurrowError } from '../../../shared/errors';
import { keysImportRequestSchema } from '../../../shared/keys';
import { createStore, type Store } from '../../../electron/core/store/createStore';
import { KnownHostsStore } from '../../../electron/core/store/knownHosts/knownHostsStore';
import { KeychainVault } from '../../../electron/core/store/vault/vault';
import { MemoryKeychain } from '../../env/memoryKeychain';
import { makeTempDir, type TempDir } from '../../env/tempDir';

const blob = (type: string, body: string) =>
  Buffer.concat([Buffer.from([0, 0, 0, type.length]), Buffer.from(type), Buffer.from([0, 0, 0, body.length]), Buffer.from(body)]);

describe('known hosts store', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = makeTempDir('known');
  });
  afterEach(() => dir.remove());

  it('adds, replaces per key type, forgets, and exports in known_hosts form', async () => {
    const store = new KnownHostsStore({ dataDir: dir.path, now: () => new Date('2025-03-04T05:06:07Z') });
    const ed = blob('ssh-ed25519', 'A'.repeat(32));
    const ed2 = blob('ssh-ed25519', 'B'.repeat(32));
    const rsa = blob('ssh-rsa', 'C'.repeat(64));
    const added = await store.add({ host: 'Bastion.Example.com', keyType: 'ssh-ed25519', key: ed.toString('base64') });
    expect(added).toMatchObject({ host: 'bastion.example.com', port: 22, keyType: 'ssh-ed25519', addedAt: '2025-03-04T05:06:07.000Z' });
    expect(added.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    await store.remember({ host: 'db.internal', port: 2222, keyType: 'ssh-rsa', key: rsa });
    await store.remember({ host: 'db.internal', port: 2222, keyType: 'ssh-ed25519', key: ed });
    await store.remember({ host: 'db.internal', port: 2222, keyType: 'ssh-ed25519', key: ed2 });
    expect((await store.entries()).map((e) => `${e.host}:${e.port}:${e.keyType}:${e.key.equals(ed2) ? 'ed2' : e.key.equals(ed) ? 'ed' : 'rsa'}`)).toEqual([
      'bastion.example.com:22:ssh-ed25519:ed',
      'db.internal:2222:ssh-rsa:rsa',
      'db.internal:2222:ssh-ed25519:ed2',
    ]);
    expect((await store.exportText()).text).toBe(
      `bastion.example.com ssh-ed25519 ${ed.toString('base64')}\n[db.internal]:2222 ssh-rsa ${rsa.toString('base64')}\n[db.internal]:2222 ssh-ed25519 ${ed2.toString('base64')}\n`,
    );
    expect(await store.forget({ host: 'db.internal', port: 2222, keyType: 'ssh-rsa' })).toEqual({ removed: 1 });
    expect(await store.forget({ host: 'db.internal', port: 2222 })).toEqual({ removed: 1 });
    await expect(store.forget({ host: 'db.internal', port: 2222 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await new KnownHostsStore({ dataDir: dir.path }).list()).toHaveLength(1);
  });

  it('validates input', async () => {
    const store = new KnownHostsStore({ dataDir: dir.path });
    const key = blob('ssh-ed25519', 'A'.repeat(32)).toString('base64');
    for (const [payload, field] of [
      [{ host: '', keyType: 'ssh-ed25519', key }, 'host'],
      [{ host: 'h', port: 0, keyType: 'ssh-ed25519', key }, 'port'],
      [{ host: 'h', port: 70000, keyType: 'ssh-ed25519', key }, 'port'],
      [{ host: 'h', keyType: 'ssh-rsa', key }, 'key'],
      [{ host: 'h', keyType: 'ssh-ed25519', key: 'not base64!' }, 'key'],
    ] as const) {
      await expect(store.add(payload)).rejects.toMatchObject({ code: 'VALIDATION', detail: { field } });
    }
  });
});

describe('vault', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = makeTempDir('vaultunit');
    mkdirSync(dir.join('data'));
  });
  afterEach(() => dir.remove());

  it('a changed vault key is VAULT_KEY_MISMATCH, a damaged file STORE_CORRUPT; neither is overwritten', async () => {
    const keychain = new MemoryKeychain();
    const file = dir.join('data', 'vault.json');
    await new KeychainVault({ file, keychain }).update({ a: 'secret-a' });
    const bytes = readFileSync(file);
    keychain.entries.set('vault-key', Buffer.alloc(32, 7).toString('base64'));
    const changed = new KeychainVault({ file, keychain });
    expect(await changed.status()).toMatchObject({ state: 'keyMismatch', secretCount: null });
    await expect(changed.update({ b: 'x' })).rejects.toMatchObject({ code: 'VAULT_KEY_MISMATCH' });
    expect(readFileSync(file).equals(bytes)).toBe(true);

    const fresh = new MemoryKeychain();
    const vault = new KeychainVault({ file: dir.join('data', 'v2.json'), keychain: fresh });
    await vault.update({ a: 'secret-a' });
    const doc = JSON.parse(readFileSync(dir.join('data', 'v2.json'), 'utf8'));
    doc.data = Buffer.from('tampered').toString('base64');
    writeFileSync(dir.join('data', 'v2.json'), JSON.stringify(doc));
    const reopened = new KeychainVault({ file: dir.join('data', 'v2.json'), keychain: fresh });
    expect(await reopened.status()).toMatchObject({ state: 'corrupt' });
    await expect(reopened.get('a')).rejects.toBeInstanceOf(BurrowError);
  });

  it('refuses pasted key text that is 10 MB or binary before reading it', () => {
    const big = keysImportRequestSchema.safeParse({ source: { kind: 'text', text: 'A'.repeat(10 * 1024 * 1024) } });
    expect(big.success).toBe(false);
    expect(big.error!.issues[0]).toMatchObject({ path: ['source', 'text'], message: 'a private key is at most 256 KB; this text is larger' });
    const binary = keysImportRequestSchema.safeParse({ source: { kind: 'text', text: '\u0000\u0001\u0002garbage\u00ff' } });
    expect(binary.error!.issues[0]).toMatchObject({ path: ['source', 'text'], message: 'this is binary data, not a key' });
  });

  it('keys.import through the store reports VALIDATION naming the field', async () => {
    const store: Store = createStore({ dataDir: dir.join('data'), keychain: new MemoryKeychain() });
    await expect(store.keys.import({ source: { kind: 'text', text: 'A'.repeat(10 * 1024 * 1024) } })).rejects.toMatchObject({
      code: 'VALIDATION',
      detail: { field: 'source.text' },
    });
    await expect(store.keys.import({ source: { kind: 'text', text: 'hello, not a key' } })).rejects.toMatchObject({ code: 'KEY_INVALID' });
    await expect(store.keys.generate({ name: 'x', type: 'rsa', bits: 1024 })).rejects.toMatchObject({ code: 'VALIDATION', detail: { field: 'bits' } });
  });
});
