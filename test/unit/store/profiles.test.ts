import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BurrowError } from '../../../shared/errors';
import { profilesSaveRequestSchema, type ProfileDraft } from '../../../shared/profile';
import { createStore, type Store } from '../../../electron/core/store/createStore';
import { makeTempDir, type TempDir } from '../../env/tempDir';
import { MemoryKeychain } from '../../env/memoryKeychain';

async function failure(promise: Promise<unknown>): Promise<BurrowError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BurrowError) return error;
    throw error;
  }
  throw new Error('expected a BurrowError');
}

const base = (extra: Partial<ProfileDraft> = {}): ProfileDraft => ({ name: 'Orders', engine: 'postgres', host: 'db.internal', database: 'orders', user: 'app', ...extra });

describe('profile store', () => {
  let dir: TempDir;
  let keychain: MemoryKeychain;
  let store: Store;
  let ids: number;
  const open = () => createStore({ dataDir: dir.join('data'), keychain, newId: () => `id-${++ids}`, now: () => new Date('2025-01-02T03:04:05.000Z') });

  beforeEach(() => {
    dir = makeTempDir('profiles');
    mkdirSync(dir.join('data'));
    keychain = new MemoryKeychain();
    ids = 0;
    store = open();
  });
  afterEach(() => dir.remove());

  it('creates with defaults, updates in place, and never returns secrets', async () => {
    const { profile, notices } = await store.profiles.save({ ...base(), password: 'pw-1' });
    expect(notices).toEqual([]);
    expect(profile).toEqual({
      id: 'id-1',
      name: 'Orders',
      group: [],
      colour: null,
      environment: 'development',
      safeMode: 'silent',
      engine: 'postgres',
      host: 'db.internal',
      port: null,
      database: 'orders',
      user: 'app',
      passwordPolicy: 'keychain',
      tls: { mode: 'prefer' },
      ssh: { hops: [], keepalive: { intervalSeconds: 15, countMax: 3 }, connectTimeoutSeconds: 20 },
      startupSql: '',
      readOnly: false,
      defaultRowLimit: 1000,
      createdAt: '2025-01-02T03:04:05.000Z',
      updatedAt: '2025-01-02T03:04:05.000Z',
      hasPassword: true,
      hopsWithPassword: [],
    });
    const updated = await store.profiles.save({ ...base({ name: 'Orders (prod)', environment: 'production', colour: '#FF0000' }), id: 'id-1' });
    expect(updated.profile).toMatchObject({ id: 'id-1', name: 'Orders (prod)', colour: '#ff0000', hasPassword: true });
    expect(await store.profiles.list()).toHaveLength(1);
    expect(readFileSync(dir.join('data', 'profiles.json'), 'utf8')).not.toContain('pw-1');
    expect(await store.profiles.databasePassword('id-1')).toBe('pw-1');
  });

  it('switching the password policy away from keychain forgets the stored password', async () => {
    await store.profiles.save({ ...base(), password: 'pw-1' });
    const { profile } = await store.profiles.save({ ...base({ passwordPolicy: 'ask' }), id: 'id-1' });
    expect(profile.hasPassword).toBe(false);
    expect(await store.vault.ids()).toEqual([]);
  });

  it('duplicates with new hop ids and copied secrets; deleting removes only that profile’s secrets', async () => {
    await store.profiles.save({
      ...base({ ssh: { hops: [{ id: 'hop-a', host: 'bastion', username: 'me', auth: [{ type: 'password', policy: 'keychain' }] }] } }),
      password: 'db-pw',
      hopPasswords: { 'hop-a': 'hop-pw' },
    });
    const { profile: copy } = await store.profiles.duplicate({ id: 'id-1' });
    expect(copy.name).toBe('Orders copy');
    expect(copy.ssh.hops[0]!.id).not.toBe('hop-a');
    expect(copy).toMatchObject({ hasPassword: true, hopsWithPassword: [copy.ssh.hops[0]!.id] });
    expect((await store.profiles.list()).map((p) => p.name)).toEqual(['Orders', 'Orders copy']);
    await store.profiles.delete({ id: 'id-1' });
    expect((await store.vault.ids()).sort()).toEqual([`hop:${copy.ssh.hops[0]!.id}:password`, `profile:${copy.id}:password`].sort());
    expect((await failure(store.profiles.get({ id: 'id-1' }))).code).toBe('NOT_FOUND');
  });

  it('moves within and across nested groups and renames a group with its subgroups', async () => {
    for (const name of ['a', 'b', 'c']) await store.profiles.save(base({ name, group: ['Clients', 'Acme'] }));
    await store.profiles.save(base({ name: 'd', group: ['Clients', 'Acme', 'Legacy'] }));
    await store.profiles.save(base({ name: 'e' }));
    let list = await store.profiles.move({ id: 'id-3', group: ['Clients', 'Acme'], index: 0 });
    expect(list.map((p) => p.name)).toEqual(['c', 'a', 'b', 'd', 'e']);
    list = await store.profiles.move({ id: 'id-5', group: ['Clients', 'Acme'], index: 99 });
    expect(list.map((p) => `${p.group.join('/')}:${p.name}`)).toEqual(['Clients/Acme:c', 'Clients/Acme:a', 'Clients/Acme:b', 'Clients/Acme:e', 'Clients/Acme/Legacy:d']);
    list = await store.profiles.regroup({ from: ['Clients', 'Acme'], to: ['Archive', 'Acme Corp'] });
    expect(list.map((p) => p.group.join('/'))).toEqual(['Archive/Acme Corp', 'Archive/Acme Corp', 'Archive/Acme Corp', 'Archive/Acme Corp', 'Archive/Acme Corp/Legacy']);
    expect((await failure(store.profiles.regroup({ from: ['Archive'], to: ['Archive', 'Sub'] }))).message).toMatch(/to: a group cannot move inside itself/);
  });

  it('rejects bad input with VALIDATION naming the field', async () => {
    const cases: [unknown, string, RegExp][] = [
      [base({ host: '' }), 'host', /host is required/],
      [base({ host: '   ' }), 'host', /host is required/],
      [base({ port: 0 }), 'port', /between 1 and 65535/],
      [base({ port: 70000 }), 'port', /between 1 and 65535/],
      [{ ...base(), engine: 'oracle' }, 'engine', /engine must be one of/],
      [base({ name: '' }), 'name', /name is required/],
      [base({ colour: 'red' }), 'colour', /#rrggbb/],
      [base({ defaultRowLimit: 0 }), 'defaultRowLimit', /between 1 and 1000000/],
      [base({ engine: 'sqlite', host: '', database: '' }), 'database', /file path is required/],
      [{ ...base(), secretField: 'x' }, '(payload)', /Unrecognized key/],
      [base({ ssh: { hops: [{ id: 'h', host: 'jump', port: 0, username: 'me', auth: [{ type: 'agent' }] }] } }), 'ssh.hops.0.port', /between 1 and 65535/],
      [base({ ssh: { hops: [{ id: 'h', host: 'jump', username: 'me', auth: [] }] } }), 'ssh.hops.0.auth', /at least one auth method/],
    ];
    for (const [payload, field, message] of cases) {
      const error = await failure(store.profiles.save(payload));
      expect(error.code, JSON.stringify(payload)).toBe('VALIDATION');
      expect(error.detail).toEqual({ field });
      expect(error.message).toMatch(message);
    }
    // The same schema rejects the same way at the IPC boundary.
    expect(profilesSaveRequestSchema.safeParse(base({ port: 70000 })).success).toBe(false);
    expect(existsSync(dir.join('data', 'profiles.json'))).toBe(false);
  });

  it('refuses a hop id that another profile already uses', async () => {
    const hops = [{ id: 'shared-hop', host: 'jump', username: 'me', auth: [{ type: 'agent' as const }] }];
    await store.profiles.save(base({ ssh: { hops } }));
    const error = await failure(store.profiles.save(base({ name: 'other', ssh: { hops } })));
    expect(error).toMatchObject({ code: 'VALIDATION', detail: { field: 'ssh.hops.0.id' } });
  });

  it('serialises concurrent saves: none is lost', async () => {
    await Promise.all(Array.from({ length: 25 }, (_, i) => store.profiles.save(base({ name: `p${i}` }))));
    const names = (await open().profiles.list()).map((p) => p.name).sort();
    expect(names).toEqual(Array.from({ length: 25 }, (_, i) => `p${i}`).sort());
  });

  it('reports a corrupted file, keeps it aside, never replaces it with an empty list, and restores the last good copy', async () => {
    await store.profiles.save(base({ name: 'first' }));
    await store.profiles.save(base({ name: 'second' }));
    const file = dir.join('data', 'profiles.json');
    const damaged = readFileSync(file, 'utf8').slice(0, 200);
    writeFileSync(file, damaged);

    const fresh = open();
    const error = await failure(fresh.profiles.list());
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toMatch(/^the profiles file is damaged \(not valid JSON/);
    expect(error.detail).toMatchObject({ lastGoodAvailable: true });
    const keptAs = (error.detail as { keptAs: string }).keptAs;
    expect(readFileSync(keptAs, 'utf8')).toBe(damaged);
    // Saves are refused too, and the damaged file stays as it was.
    expect((await failure(fresh.profiles.save(base({ name: 'third' })))).code).toBe('STORE_CORRUPT');
    expect(readFileSync(file, 'utf8')).toBe(damaged);

    const restored = await fresh.profiles.recover({ source: 'lastGood' });
    expect(restored.map((p) => p.name)).toEqual(['first']);
    expect(readFileSync(keptAs, 'utf8')).toBe(damaged);
    expect(readdirSync(dir.join('data')).filter((n) => n.includes('.corrupt-'))).toHaveLength(1);
  });

  it('a file that fails validation is corrupt too, and "start empty" is an explicit choice', async () => {
    writeFileSync(dir.join('data', 'profiles.json'), JSON.stringify({ version: 2, profiles: [{ id: 'x', name: 'bad', engine: 'oracle' }] }));
    const error = await failure(store.profiles.list());
    expect(error.message).toMatch(/profiles\.0\.engine/);
    expect(await store.profiles.recover({ source: 'empty' })).toEqual([]);
    expect(readdirSync(dir.join('data')).some((n) => n.startsWith('profiles.json.corrupt-'))).toBe(true);
  });

  it('refuses a file written by a newer Burrow without touching it', async () => {
    const newer = JSON.stringify({ version: 9, profiles: [] });
    writeFileSync(dir.join('data', 'profiles.json'), newer);
    const error = await failure(store.profiles.save(base()));
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.message).toMatch(/newer Burrow \(format 9/);
    expect(readFileSync(dir.join('data', 'profiles.json'), 'utf8')).toBe(newer);
  });

  it('migrates a version-1 file, keeping the original beside it', async () => {
    const v1 = {
      version: 1,
      connections: [
        {
          id: 'c1',
          name: 'Billing',
          folder: 'Clients/Acme',
          color: '#00AA00',
          type: 'postgresql',
          host: '10.0.0.7',
          port: 5433,
          database: 'billing',
          username: 'billing_ro',
          savePassword: true,
          ssl: true,
          production: true,
          sshTunnel: { host: 'bastion.acme.com', port: 2222, username: 'ops', auth: 'key', keyId: 'k1' },
          createdAt: '2023-05-06T07:08:09Z',
        },
        { id: 'c2', name: 'Local', type: 'sqlite', database: '/home/me/app.db', savePassword: false, ssl: false },
      ],
    };
    writeFileSync(dir.join('data', 'profiles.json'), JSON.stringify(v1));
    const list = await store.profiles.list();
    expect(list[0]).toMatchObject({
      id: 'c1',
      name: 'Billing',
      group: ['Clients', 'Acme'],
      colour: '#00aa00',
      environment: 'production',
      safeMode: 'confirmWrites',
      engine: 'postgres',
      host: '10.0.0.7',
      port: 5433,
      user: 'billing_ro',
      passwordPolicy: 'keychain',
      tls: { mode: 'require' },
      ssh: { hops: [{ id: 'c1-hop-1', host: 'bastion.acme.com', port: 2222, username: 'ops', auth: [{ type: 'publickey', keyId: 'k1' }] }] },
      createdAt: '2023-05-06T07:08:09.000Z',
    });
    expect(list[1]).toMatchObject({ id: 'c2', engine: 'sqlite', database: '/home/me/app.db', passwordPolicy: 'ask', tls: { mode: 'disable' } });
    expect(JSON.parse(readFileSync(dir.join('data', 'profiles.json'), 'utf8')).version).toBe(2);
    expect(JSON.parse(readFileSync(dir.join('data', 'profiles.json.v1'), 'utf8'))).toEqual(v1);
  });

  it('without a keychain the profile is saved, the password is not, and the notice says why', async () => {
    keychain.available = false;
    const { profile, notices } = await store.profiles.save({ ...base(), password: 'nowhere' });
    expect(profile.hasPassword).toBe(false);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect(readdirSync(dir.join('data'))).toEqual(['profiles.json']);
    expect(readFileSync(path.join(dir.path, 'data', 'profiles.json'), 'utf8')).not.toContain('nowhere');
  });
});
