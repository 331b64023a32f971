import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BurrowError } from '../../../shared/errors';
import { createStore, type Store } from '../../../electron/core/store/createStore';
import { generateKey } from '../../env/keys';
import { MemoryKeychain } from '../../env/memoryKeychain';
import { makeTempDir, type TempDir } from '../../env/tempDir';

function write(file: string, text: string, mode = 0o600): void {
  writeFileSync(file, text, { mode });
  chmodSync(file, mode);
}

describe('~/.ssh/config import', () => {
  let home: TempDir;
  let store: Store;
  let ids: number;

  beforeEach(() => {
    home = makeTempDir('sshconfig');
    mkdirSync(home.join('.ssh'), { mode: 0o700 });
    mkdirSync(home.join('.ssh', 'conf.d'), { mode: 0o700 });
    ids = 0;
    store = createStore({ dataDir: home.join('data'), keychain: new MemoryKeychain(), home: home.path, newId: () => `id-${++ids}` });
  });
  afterEach(() => home.remove());

  it('builds routes from ProxyJump chains across Include files, with IdentityFiles, keepalives, Match blocks and unhonoured keywords', async () => {
    const key = await generateKey(home.join('.ssh'), 'id_work', { type: 'ed25519' });
    await store.keys.import({ source: { kind: 'path', path: key.privateKeyPath } });
    await generateKey(home.join('.ssh'), 'id_other', { type: 'ecdsa' });
    write(
      home.join('.ssh', 'config'),
      [
        '# main config',
        'Include conf.d/*.conf',
        'Host db-prod',
        '  HostName 10.20.0.5',
        '  User dbadmin',
        '  ProxyJump bastion,inner',
        '  ServerAliveInterval 30',
        '  ServerAliveCountMax 5',
        '  LocalForward 5432 localhost:5432',
        'Host legacy',
        '  HostName legacy.corp',
        '  ProxyCommand nc -X connect -x proxy:8080 %h %p',
        'Host loop-a',
        '  ProxyJump loop-b',
        'Host loop-b',
        '  ProxyJump loop-a',
        'Host git.corp skip.corp',
        '  Port 2200',
        'Host *.corp !skip.corp',
        '  User corpuser',
        'Host *',
        '  IdentityFile ~/.ssh/id_work',
        '  ForwardAgent no',
        'Match host legacy.corp localuser *',
        '  User legacyuser',
        'Match originalhost git.corp exec "true"',
        '  User matched',
        'Match originalhost skip.corp !user nobody',
        '  User skipuser',
      ].join('\n'),
    );
    write(
      home.join('.ssh', 'conf.d', '10-bastion.conf'),
      ['Host bastion', '  HostName bastion.example.com', '  Port 2222', '  User jump', '  IdentitiesOnly yes', '  IdentityFile ~/.ssh/id_work', '  IdentityFile %d/.ssh/id_other'].join('\n'),
    );
    write(home.join('.ssh', 'conf.d', '20-inner.conf'), ['Host inner', '  HostName 172.16.0.9', '  ProxyJump should-be-ignored-when-chained'].join('\n'));

    const result = await store.imports.sshConfig({});
    expect(result.files).toEqual([home.join('.ssh', 'config'), home.join('.ssh', 'conf.d', '10-bastion.conf'), home.join('.ssh', 'conf.d', '20-inner.conf')]);
    expect(result.hosts.map((h) => h.alias)).toEqual(['bastion', 'inner', 'db-prod', 'legacy', 'loop-a', 'loop-b', 'git.corp', 'skip.corp']);
    const [storedKey] = await store.keys.list();

    const db = result.hosts.find((h) => h.alias === 'db-prod')!;
    expect(db.error).toBeNull();
    expect(db.route!.hops.map((h) => `${h.username}@${h.host}:${h.port}`)).toEqual(['jump@bastion.example.com:2222', `${db.route!.hops[1]!.username}@172.16.0.9:22`, 'dbadmin@10.20.0.5:22']);
    expect(db.route!.hops.map((h) => h.name)).toEqual(['bastion', 'inner', 'db-prod']);
    expect(db.route!.keepalive).toEqual({ intervalSeconds: 30, countMax: 5 });
    // IdentitiesOnly: the stored key only, no agent; other hops also offer the agent.
    expect(db.route!.hops[0]!.auth).toEqual([{ type: 'publickey', keyId: storedKey!.id }, { type: 'keyboard-interactive' }, { type: 'password', policy: 'ask' }]);
    expect(db.route!.hops[2]!.auth).toEqual([{ type: 'publickey', keyId: storedKey!.id }, { type: 'agent' }, { type: 'keyboard-interactive' }, { type: 'password', policy: 'ask' }]);
    expect(db.identityFiles).toEqual([
      { path: home.join('.ssh', 'id_work'), exists: true, keyId: storedKey!.id, importable: false, problem: null },
      { path: home.join('.ssh', 'id_other'), exists: true, keyId: null, importable: true, problem: null },
    ]);
    expect(db.unhonoured.map((u) => `${u.keyword} ${u.value}`).sort()).toEqual(['ForwardAgent no', 'LocalForward 5432 localhost:5432']);

    const legacy = result.hosts.find((h) => h.alias === 'legacy')!;
    // Host patterns match the alias, as in ssh, and a negated pattern wins.
    expect(result.hosts.find((h) => h.alias === 'git.corp')).toMatchObject({ user: 'corpuser', port: 2200 });
    expect(result.hosts.find((h) => h.alias === 'skip.corp')!.user).not.toBe('corpuser');
    expect(legacy.unhonoured[0]).toMatchObject({ keyword: 'ProxyCommand', value: 'nc -X connect -x proxy:8080 %h %p', line: 12 });

    expect(result.hosts.find((h) => h.alias === 'loop-a')).toMatchObject({ route: null, error: 'ProxyJump loop: loop-a → loop-b → loop-a' });
    // Match: `host` is tested against HostName, `originalhost` against the alias; a block with `exec` is
    // never run, but skipped and reported, and a value set before it still wins.
    expect(legacy.user).toBe('legacyuser');
    expect(result.hosts.find((h) => h.alias === 'skip.corp')!.user).toBe('skipuser');
    expect(result.hosts.find((h) => h.alias === 'git.corp')!.user).toBe('corpuser');
    expect(result.skippedMatchLines).toEqual([{ keyword: 'Match', value: 'originalhost git.corp exec true', file: home.join('.ssh', 'config'), line: 26 }]);
  });

  it('refuses a config, or an included file, that group or others can write', async () => {
    write(home.join('.ssh', 'config'), 'Host a\n  HostName a.example\n', 0o664);
    let error = await store.imports.sshConfig({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BurrowError);
    expect(error).toMatchObject({ code: 'SSH_CONFIG_UNSAFE' });
    expect((error as BurrowError).message).toMatch(/can be changed by other users \(mode 664\)/);

    chmodSync(home.join('.ssh', 'config'), 0o600);
    write(home.join('.ssh', 'config'), 'Include ~/.ssh/conf.d/shared\nHost a\n', 0o600);
    write(home.join('.ssh', 'conf.d', 'shared'), 'Host b\n', 0o646);
    error = await store.imports.sshConfig({}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SSH_CONFIG_UNSAFE', detail: { file: home.join('.ssh', 'conf.d', 'shared') } });
  });

  it('a missing config is NOT_FOUND', async () => {
    await expect(store.imports.sshConfig({ path: '~/nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
