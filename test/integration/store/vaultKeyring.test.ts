import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BurrowError } from '../../../shared/errors';
import type { ProfileDraft } from '../../../shared/profile';
import { createStore, type Store } from '../../../electron/core/store/createStore';
import { KeyringKeychain } from '../../../electron/core/store/vault/keychain';
import { makeTempDir, requireBinary, startSecretService, type SecretService, type TempDir } from '../../env';
import { run } from '../../env/run';

const { utils } = ssh2;

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? allFiles(full) : [full];
  });
}

/** Every file under the data dir, searched for each secret as UTF-8, base64 and hex. */
function grepDataDir(dir: string, secrets: string[]): string[] {
  const hits: string[] = [];
  for (const file of allFiles(dir)) {
    const content = readFileSync(file);
    for (const secret of secrets) {
      for (const needle of [Buffer.from(secret), Buffer.from(Buffer.from(secret).toString('base64')), Buffer.from(Buffer.from(secret).toString('hex'))]) {
        if (content.includes(needle)) hits.push(`${path.basename(file)} contains ${secret}`);
      }
    }
  }
  return hits;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BurrowError) return error.code;
    throw error;
  }
  return 'no error';
}

const draft = (name: string, extra: Partial<ProfileDraft> = {}): ProfileDraft => ({
  name,
  engine: 'postgres',
  host: 'db.internal',
  database: 'app',
  user: 'app',
  ssh: {
    hops: [
      { id: `${name}-bastion`, host: 'bastion.example.com', username: 'ops', auth: [{ type: 'password', policy: 'keychain' }] },
    ],
  },
  ...extra,
});

// The keyring library keeps one D-Bus connection per process: one Secret Service serves the file.
let service: SecretService;
const savedBus = process.env.DBUS_SESSION_BUS_ADDRESS;

beforeAll(async () => {
  service = await startSecretService();
  process.env.DBUS_SESSION_BUS_ADDRESS = service.env.DBUS_SESSION_BUS_ADDRESS;
});

afterAll(async () => {
  if (savedBus === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
  else process.env.DBUS_SESSION_BUS_ADDRESS = savedBus;
  await service?.stop();
});

describe('vault on a real gnome-keyring (private D-Bus session)', () => {
  let dir: TempDir;
  const keychainService = `burrow-test-${process.pid}`;
  const open = (dataDir = dir.join('data')): Store =>
    createStore({ dataDir, keychain: new KeyringKeychain(keychainService), home: dir.path });

  beforeAll(() => {
    dir = makeTempDir('vault');
  });

  afterAll(() => dir?.remove());

  it('stores passwords, hop passwords, private keys and passphrases encrypted; none appears in any file; they survive a restart', async () => {
    const store = open();
    const dbPassword = 'db-Secret-7f3a9c';
    const hopPassword = 'hop-Secret-19be22';
    const passphrase = 'key-Passphrase-55d0';
    const saved = await store.profiles.save({ ...draft('prod'), password: dbPassword, hopPasswords: { 'prod-bastion': hopPassword } });
    expect(saved.notices).toEqual([]);
    expect(saved.profile).toMatchObject({ hasPassword: true, hopsWithPassword: ['prod-bastion'] });
    expect(JSON.stringify(saved)).not.toContain(dbPassword);
    const key = await store.keys.generate({ name: 'deploy', type: 'ed25519', comment: 'deploy@burrow', passphrase, rememberPassphrase: true });
    expect(key).toMatchObject({ hasPassphrase: true, passphraseRemembered: true });
    const privateKeyText = (await store.keys.loadForAuth(key.id)).privateKey.toString();

    const secretLines = privateKeyText.split('\n').filter((line) => line.length > 20);
    expect(grepDataDir(dir.join('data'), [dbPassword, hopPassword, passphrase, ...secretLines])).toEqual([]);
    const vaultFile = JSON.parse(readFileSync(dir.join('data', 'vault.json'), 'utf8'));
    expect(Object.keys(vaultFile).sort()).toEqual(['data', 'format', 'iv', 'keyCheck', 'tag', 'version']);
    expect(statSync(dir.join('data', 'vault.json')).mode & 0o077).toBe(0);

    // The vault key is in the Secret Service, readable by libsecret's own tool.
    const { stdout } = await run(requireBinary('secret-tool', 'libsecret-tools'), ['lookup', 'service', keychainService, 'username', 'vault-key'], {
      env: { ...process.env, ...service.env },
    });
    expect(Buffer.from(stdout, 'base64')).toHaveLength(32);

    const restarted = open();
    expect(await restarted.profiles.databasePassword(saved.profile.id)).toBe(dbPassword);
    expect(await restarted.credentials.hopPassword(saved.profile.ssh.hops[0]!)).toBe(hopPassword);
    const loaded = await restarted.credentials.privateKey(key.id);
    const parsed = utils.parseKey(loaded.privateKey);
    expect(parsed instanceof Error).toBe(false);
    expect(await restarted.vault.status()).toMatchObject({ state: 'ready', secretCount: 4 });
  });

  it('deleting a profile deletes its secrets from the vault', async () => {
    const store = open();
    const { profile } = await store.profiles.save({ ...draft('temp'), password: 'temp-pass-1', hopPasswords: { 'temp-bastion': 'temp-hop-1' } });
    const before = (await store.vault.status()).secretCount!;
    await store.profiles.delete({ id: profile.id });
    expect((await store.vault.status()).secretCount).toBe(before - 2);
    expect(await open().credentials.hopPassword(profile.ssh.hops[0]!)).toBeNull();
  });

  it('a vault key lost from the keychain is reported, the vault file is left untouched, and reset keeps it aside', async () => {
    const dataDir = dir.join('lost');
    const store = open(dataDir);
    await store.profiles.save({ ...draft('lost'), password: 'lost-pass' });
    const vaultBytes = readFileSync(path.join(dataDir, 'vault.json'));
    await new KeyringKeychain(keychainService).delete('vault-key');

    const after = open(dataDir);
    const status = await after.vault.status();
    expect(status.state).toBe('keyMismatch');
    expect(status.message).toMatch(/vault key is missing from the system keychain/);
    // Reads degrade to "ask", writes report the problem, and nothing overwrites the old vault.
    const list = await after.profiles.list();
    expect(list[0]).toMatchObject({ name: 'lost', hasPassword: false });
    const resaved = await after.profiles.save({ ...draft('lost'), id: list[0]!.id, password: 'new-pass' });
    expect(resaved.notices.map((n) => n.code)).toEqual(['VAULT_KEY_MISMATCH']);
    expect(readFileSync(path.join(dataDir, 'vault.json')).equals(vaultBytes)).toBe(true);

    const { keptAs } = await after.vault.reset();
    expect(keptAs).not.toBeNull();
    expect(readFileSync(keptAs!).equals(vaultBytes)).toBe(true);
    expect(await after.vault.status()).toMatchObject({ state: 'ready', secretCount: 0 });
  });

  it('without a Secret Service: KEYCHAIN_UNAVAILABLE, nothing stored, everything asked for; it works once the keychain is back', async () => {
    const dataDir = dir.join('nokeychain');
    const probe = path.join(import.meta.dirname, 'fixtures', 'noKeychainProbe.ts');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', probe, dataDir, keychainService], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${dir.join('no-such-bus')}` },
      cwd: process.cwd(),
    });
    expect(JSON.parse(stdout)).toEqual({
      state: 'keychainUnavailable',
      notices: ['KEYCHAIN_UNAVAILABLE'],
      hasPassword: false,
      password: null,
      generate: 'KEYCHAIN_UNAVAILABLE',
      files: ['profiles.json'],
    });
    expect(grepDataDir(dataDir, ['offline-pass'])).toEqual([]);
    // The keychain came back: secrets can be stored again.
    const store = open(dataDir);
    const [profile] = await store.profiles.list();
    expect(profile).toMatchObject({ name: 'offline', hasPassword: false });
    const saved = await store.profiles.save({ ...draft('offline'), id: profile!.id, password: 'offline-pass' });
    expect(saved.profile.hasPassword).toBe(true);
  });
});

describe('key generation and key lifecycle', () => {
  let dir: TempDir;
  let store: Store;

  beforeAll(() => {
    dir = makeTempDir('keygen');
    store = createStore({ dataDir: dir.join('data'), keychain: new KeyringKeychain(`burrow-keygen-${process.pid}`), home: dir.path });
  });

  afterAll(() => dir?.remove());

  const cases = [
    { type: 'ed25519' as const, bits: undefined, expectBits: 256, algorithm: 'ssh-ed25519' },
    { type: 'ecdsa' as const, bits: 256, expectBits: 256, algorithm: 'ecdsa-sha2-nistp256' },
    { type: 'ecdsa' as const, bits: 384, expectBits: 384, algorithm: 'ecdsa-sha2-nistp384' },
    { type: 'ecdsa' as const, bits: 521, expectBits: 521, algorithm: 'ecdsa-sha2-nistp521' },
    { type: 'rsa' as const, bits: 3072, expectBits: 3072, algorithm: 'ssh-rsa' },
    { type: 'rsa' as const, bits: 4096, expectBits: 4096, algorithm: 'ssh-rsa' },
  ];

  for (const c of cases) {
    it(`generates ${c.algorithm} ${c.expectBits}: ssh2 loads it and ssh-keygen derives the same public key`, async () => {
      const info = await store.keys.generate({ name: `gen ${c.algorithm} ${c.expectBits}`, type: c.type, bits: c.bits, comment: 'me@laptop' });
      expect(info).toMatchObject({ type: c.type, bits: c.expectBits, algorithm: c.algorithm, comment: 'me@laptop', format: 'generated', hasPassphrase: false });
      const { line } = await store.keys.publicKey({ id: info.id });
      expect(line).toMatch(new RegExp(`^${c.algorithm} AAAA[A-Za-z0-9+/=]+ me@laptop$`));
      const loaded = await store.keys.loadForAuth(info.id);
      const parsed = utils.parseKey(loaded.privateKey);
      if (parsed instanceof Error) throw parsed;
      expect((Array.isArray(parsed) ? parsed[0]! : parsed).getPublicSSH().equals(loaded.publicKey)).toBe(true);
      const file = dir.join(`gen-${info.id}`);
      writeFileSync(file, loaded.privateKey, { mode: 0o600 });
      const { stdout } = await run(requireBinary('ssh-keygen', 'openssh-client'), ['-y', '-f', file]);
      expect(stdout.trim()).toBe(line);
      const { stdout: fp } = await run(requireBinary('ssh-keygen', 'openssh-client'), ['-l', '-E', 'sha256', '-f', file]);
      expect(fp.split(/\s+/)[1]).toBe(info.fingerprint);
    });
  }

  it('a generated key with a passphrase needs it unless remembered; remembering verifies it', async () => {
    const info = await store.keys.generate({ name: 'locked', passphrase: 'open sesame' });
    expect(info).toMatchObject({ type: 'ed25519', hasPassphrase: true, passphraseRemembered: false });
    expect(await codeOf(store.keys.loadForAuth(info.id))).toBe('KEY_PASSPHRASE_REQUIRED');
    expect(await codeOf(store.keys.loadForAuth(info.id, 'open says me'))).toBe('KEY_PASSPHRASE_WRONG');
    expect((await store.keys.loadForAuth(info.id, 'open sesame')).type).toBe('ed25519');
    expect(await codeOf(store.keys.setPassphraseMemory({ id: info.id, remember: true, passphrase: 'wrong' }))).toBe('KEY_PASSPHRASE_WRONG');
    expect(await store.keys.setPassphraseMemory({ id: info.id, remember: true, passphrase: 'open sesame' })).toMatchObject({ passphraseRemembered: true });
    expect((await store.keys.loadForAuth(info.id)).fingerprint).toBe(info.fingerprint);
    await store.keys.setPassphraseMemory({ id: info.id, remember: false });
    expect(await codeOf(store.keys.loadForAuth(info.id))).toBe('KEY_PASSPHRASE_REQUIRED');
  });

  it('lists users of a key, refuses to delete it while used (KEY_IN_USE) unless confirmed, and refuses duplicates', async () => {
    const info = await store.keys.generate({ name: 'shared' });
    const { profile } = await store.profiles.save({
      name: 'uses key',
      engine: 'mysql',
      host: '10.0.0.5',
      ssh: { hops: [{ id: 'key-hop', host: 'jump', username: 'me', auth: [{ type: 'publickey', keyId: info.id }] }] },
    });
    const listed = (await store.keys.list()).find((k) => k.id === info.id)!;
    expect(listed.usedBy).toEqual([{ id: profile.id, name: 'uses key' }]);
    try {
      await store.keys.delete({ id: info.id });
      throw new Error('expected KEY_IN_USE');
    } catch (error) {
      expect(error).toBeInstanceOf(BurrowError);
      expect((error as BurrowError).code).toBe('KEY_IN_USE');
      expect((error as BurrowError).detail).toEqual({ profiles: [{ id: profile.id, name: 'uses key' }] });
    }
    const loaded = await store.keys.loadForAuth(info.id);
    expect(await codeOf(store.keys.import({ source: { kind: 'text', text: loaded.privateKey.toString() } }))).toBe('CONFLICT');
    expect(await store.keys.delete({ id: info.id, confirm: true })).toEqual({ id: info.id, unlinkedFrom: [{ id: profile.id, name: 'uses key' }] });
    expect(await codeOf(store.keys.loadForAuth(info.id))).toBe('NOT_FOUND');
    expect((await store.vault.ids(`key:${info.id}`)).length).toBe(0);
  });
});
