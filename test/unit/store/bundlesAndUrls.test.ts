import { mkdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BurrowError } from '../../../shared/errors';
import { createStore, type Store } from '../../../electron/core/store/createStore';
import { MemoryKeychain } from '../../env/memoryKeychain';
import { makeTempDir, type TempDir } from '../../env/tempDir';

describe('URL imports and profile bundles', () => {
  let dir: TempDir;
  let store: Store;
  let ids: number;

  beforeEach(() => {
    dir = makeTempDir('bundles');
    mkdirSync(dir.join('a'));
    ids = 0;
    store = createStore({ dataDir: dir.join('a'), keychain: new MemoryKeychain(), newId: () => `a-${++ids}` });
  });
  afterEach(() => dir.remove());

  it('parses a URL without echoing its password, saves it with the password in the vault, and copies it back without one', async () => {
    const url = 'postgres://report:Hunter2!@warehouse.internal:5433/analytics?sslmode=require&fallback_application_name=x';
    const parsed = await store.imports.parseUrl({ url });
    expect(parsed).toEqual({
      draft: { name: 'report@warehouse.internal/analytics', engine: 'postgres', host: 'warehouse.internal', port: 5433, database: 'analytics', user: 'report', tls: { mode: 'require' } },
      passwordInUrl: true,
      ignoredParameters: ['fallback_application_name'],
      warnings: [],
    });
    expect(JSON.stringify(parsed)).not.toContain('Hunter2');
    const { profile } = await store.imports.saveUrl({ url, group: ['Warehouse'] });
    expect(profile).toMatchObject({ group: ['Warehouse'], hasPassword: true, passwordPolicy: 'keychain' });
    expect(await store.profiles.databasePassword(profile.id)).toBe('Hunter2!');
    expect(await store.imports.profileUrl({ id: profile.id })).toEqual({ url: 'postgresql://report@warehouse.internal:5433/analytics?sslmode=require' });
    await expect(store.imports.parseUrl({ url: 'ftp://x' })).rejects.toMatchObject({ code: 'VALIDATION', detail: { field: 'url' } });
    await expect(store.imports.parseUrl({ url: '' })).rejects.toMatchObject({ code: 'VALIDATION', detail: { field: 'url' } });
  });

  it('exports without secrets and imports with keep-both or replace; keys are matched by fingerprint', async () => {
    const key = await store.keys.generate({ name: 'deploy' });
    const { profile } = await store.profiles.save({
      name: 'Prod',
      engine: 'mysql',
      host: 'db',
      password: 'bundle-secret',
      ssh: { hops: [{ id: 'h1', host: 'jump', username: 'me', auth: [{ type: 'publickey', keyId: key.id }, { type: 'password', policy: 'keychain' }] }] },
      hopPasswords: { h1: 'bundle-hop-secret' },
    });
    const { json, count } = await store.imports.exportBundle({});
    expect(count).toBe(1);
    expect(json).not.toContain('bundle-secret');
    expect(json).not.toContain('bundle-hop-secret');
    expect(JSON.parse(json).keys).toEqual([{ id: key.id, name: 'deploy', fingerprint: key.fingerprint }]);

    // Same machine: the id conflicts.
    expect(await store.imports.previewBundle({ json })).toEqual({ profiles: [{ id: profile.id, name: 'Prod', conflictsWith: 'Prod' }], missingKeys: [] });
    expect(await store.imports.importBundle({ json, onConflict: 'keepBoth' })).toEqual({ added: 0, replaced: 0, renamed: 1, missingKeys: [] });
    const both = await store.profiles.list();
    expect(both.map((p) => p.name)).toEqual(['Prod', 'Prod (imported)']);
    expect(both[1]!.ssh.hops[0]!.id).not.toBe('h1');
    expect(both[1]!.ssh.hops[0]!.auth[0]).toEqual({ type: 'publickey', keyId: key.id });
    expect(both[1]).toMatchObject({ hasPassword: false, hopsWithPassword: [] });

    expect(await store.imports.importBundle({ json, onConflict: 'replace' })).toEqual({ added: 0, replaced: 1, renamed: 0, missingKeys: [] });
    const replaced = await store.profiles.get({ id: profile.id });
    // The replaced profile may point elsewhere now: its old secrets did not follow.
    expect(replaced).toMatchObject({ name: 'Prod', hasPassword: false });
    expect(await store.vault.ids('profile:')).toEqual([]);

    // Another machine without the key: imported as is, the missing key reported.
    mkdirSync(dir.join('b'));
    const other = createStore({ dataDir: dir.join('b'), keychain: new MemoryKeychain(), newId: () => `b-${++ids}` });
    expect(await other.imports.importBundle({ json })).toEqual({ added: 1, replaced: 0, renamed: 0, missingKeys: [{ name: 'deploy', fingerprint: key.fingerprint }] });
    expect((await other.profiles.list())[0]).toMatchObject({ id: profile.id, name: 'Prod' });
  });

  it('refuses malformed bundles with VALIDATION naming the field', async () => {
    for (const [json, field] of [
      ['{not json', 'json'],
      ['{"format":"something-else"}', 'json'],
      [JSON.stringify({ format: 'burrow-profiles', version: 2, exportedAt: 'x', keys: [], profiles: [{ id: 'p', name: 'x', engine: 'postgres', host: '', createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z' }] }), 'json.profiles.0.host'],
    ] as const) {
      const error = await store.imports.importBundle({ json }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BurrowError);
      expect(error).toMatchObject({ code: 'VALIDATION', detail: { field } });
    }
    const tooBig = await store.imports.importBundle({ json: 'x'.repeat(10 * 1024 * 1024 + 1) }).catch((e: unknown) => e);
    expect(tooBig).toMatchObject({ code: 'VALIDATION', detail: { field: 'json' } });
  });
});
