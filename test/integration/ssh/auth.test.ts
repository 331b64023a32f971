import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateKey,
  listeningSocketsOf,
  makeTempDir,
  startPostgres,
  startProcess,
  startSshd,
  type GeneratedKey,
  type ManagedProcess,
  type PostgresServer,
  type SshdServer,
  type TempDir,
} from '../../env';
import { run } from '../../env/run';
import { expectCode, hopTo, makeTunnel, pgOver, route, ScriptedPrompts, TestCredentials } from './harness';

describe('tunnel engine: authentication against real OpenSSH', () => {
  let dir: TempDir;
  const keys: Record<string, GeneratedKey> = {};
  const credentials = new TestCredentials();
  let postgres: PostgresServer;
  let sshd: SshdServer;

  beforeAll(async () => {
    dir = makeTempDir('ssh-auth');
    keys.ed25519 = await generateKey(dir.path, 'id_ed25519', { type: 'ed25519' });
    keys.ecdsa = await generateKey(dir.path, 'id_ecdsa', { type: 'ecdsa', bits: 384 });
    keys.rsa = await generateKey(dir.path, 'id_rsa', { type: 'rsa', bits: 3072 });
    keys.locked = await generateKey(dir.path, 'id_locked', { type: 'ed25519', passphrase: 'open sesame' });
    keys.stranger = await generateKey(dir.path, 'id_stranger', { type: 'ed25519' });
    for (const [id, key] of Object.entries(keys)) credentials.keys.set(id, key);
    [postgres, sshd] = await Promise.all([
      startPostgres(),
      startSshd({ authorizedKeys: [keys.ed25519, keys.ecdsa, keys.rsa, keys.locked].map((k) => k!.publicKey), password: true }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([postgres?.stop(), sshd?.stop()]);
    dir?.remove();
  });

  it.each(['ed25519', 'ecdsa', 'rsa'])('authenticates with an %s key and runs a query through the tunnel', async (keyId) => {
    const rig = await makeTunnel(route([hopTo(sshd, [{ type: 'publickey', keyId }])]), credentials, { trust: [sshd] });
    await rig.tunnel.connect();
    const client = await pgOver(rig.tunnel, postgres);
    try {
      const result = await client.query<{ who: string }>('SELECT current_user AS who');
      expect(result.rows[0]?.who).toBe('burrow');
      expect(listeningSocketsOf('self')).toEqual([]);
    } finally {
      await client.end();
      await rig.tunnel.close();
    }
    expect(rig.states).toEqual(['connecting', 'ready', 'closed']);
    if (keyId === 'rsa') await sshd.waitForLog(/Accepted publickey for \S+ from 127\.0\.0\.1 port \d+ ssh2: RSA SHA256:/);
  });

  it('asks for the passphrase of an encrypted key, once per tunnel', async () => {
    const prompts = new ScriptedPrompts({ passphrase: () => 'open sesame' });
    const rig = await makeTunnel(route([hopTo(sshd, [{ type: 'publickey', keyId: 'locked' }])]), credentials, { trust: [sshd], prompts });
    await rig.tunnel.connect();
    await rig.tunnel.close();
    expect(prompts.asked).toEqual([{ kind: 'passphrase', hop: { index: 1, count: 1, host: sshd.host, port: sshd.port }, keyId: 'locked' }]);
  });

  it('reports a key the server does not accept, naming what was tried and what the server allows', async () => {
    const rig = await makeTunnel(route([hopTo(sshd, [{ type: 'publickey', keyId: 'stranger' }])]), credentials, { trust: [sshd] });
    const error = await expectCode(rig.tunnel.connect());
    expect(error.code).toBe('SSH_AUTH_FAILED');
    expect(error.message).toBe(
      `hop 1/1 ${sshd.host}:${sshd.port}: authentication failed as "${sshd.account.username}" (tried publickey; server allows publickey, password)`,
    );
    expect(error.detail).toMatchObject({ stage: 'auth', hop: 1, hopCount: 1 });
    expect(rig.tunnel.state.state).toBe('failed');
  });

  it('authenticates with a password from the vault, and asks for it when none is stored', async () => {
    const password = sshd.account.password!;
    expect(password).toBeTruthy();
    const hop = hopTo(sshd, [{ type: 'password', policy: 'keychain' }], { id: 'pw-hop' });
    credentials.passwords.set('pw-hop', password);
    const stored = await makeTunnel(route([hop]), credentials, { trust: [sshd] });
    await stored.tunnel.connect();
    await stored.tunnel.close();
    expect(stored.prompts.asked).toEqual([]);

    const prompts = new ScriptedPrompts({ password: () => password });
    const asked = await makeTunnel(route([hopTo(sshd, [{ type: 'password', policy: 'ask' }])]), credentials, { trust: [sshd], prompts });
    await asked.tunnel.connect();
    await asked.tunnel.close();
    expect(prompts.asked.map((p) => p.kind)).toEqual(['password']);
  });

  it('turns a cancelled password prompt into CANCELLED, not a hang', async () => {
    const prompts = new ScriptedPrompts({ password: () => null });
    const rig = await makeTunnel(route([hopTo(sshd, [{ type: 'password', policy: 'ask' }])]), credentials, { trust: [sshd], prompts });
    const error = await expectCode(rig.tunnel.connect());
    expect(error.code).toBe('CANCELLED');
  });

  it('passes a PrivX-style %-username to sshd untouched', async () => {
    const username = 'alice%privx.example.com%dbuser@10.1.2.3';
    const rig = await makeTunnel(route([hopTo(sshd, [{ type: 'publickey', keyId: 'ed25519' }], { username })]), credentials, { trust: [sshd] });
    const error = await expectCode(rig.tunnel.connect());
    expect(error.code).toBe('SSH_AUTH_FAILED');
    expect(error.message).toContain(`as "${username}"`);
    expect(await sshd.waitForLog(/Invalid user \S+ from 127\.0\.0\.1/)).toBe(`Invalid user ${username} from 127.0.0.1`);
  });
});

describe('tunnel engine: keyboard-interactive and agents', () => {
  let dir: TempDir;
  const credentials = new TestCredentials();
  let key: GeneratedKey;
  let pam: SshdServer;
  let twoFactor: SshdServer;
  let agent: ManagedProcess;
  let agentSocket: string;
  const decoys: GeneratedKey[] = [];

  beforeAll(async () => {
    dir = makeTempDir('ssh-kbd');
    key = await generateKey(dir.path, 'id_ed25519');
    credentials.keys.set('main', key);
    [pam, twoFactor] = await Promise.all([
      startSshd({ keyboardInteractive: true, password: false }),
      startSshd({
        authorizedKeys: [key.publicKey],
        keyboardInteractive: true,
        password: false,
        extraConfig: ['AuthenticationMethods publickey,keyboard-interactive', 'MaxAuthTries 3'],
      }),
    ]);
    agentSocket = dir.join('agent.sock');
    agent = startProcess('ssh-agent', '/usr/bin/ssh-agent', ['-D', '-a', agentSocket], dir.join('agent.log'));
    await agent.waitForOutput(/SSH_AUTH_SOCK/);
    for (let i = 0; i < 5; i++) decoys.push(await generateKey(dir.path, `decoy_${i}`));
    // Decoys first: an agent offering every key would exceed MaxAuthTries before the right one.
    for (const decoy of decoys) await run('ssh-add', ['-q', decoy.privateKeyPath], { env: { ...process.env, SSH_AUTH_SOCK: agentSocket } });
    await run('ssh-add', ['-q', key.privateKeyPath], { env: { ...process.env, SSH_AUTH_SOCK: agentSocket } });
  });

  afterAll(async () => {
    await Promise.all([pam?.stop(), twoFactor?.stop(), agent?.stop()]);
    dir?.remove();
  });

  it('answers PAM keyboard-interactive prompts through the prompt broker, echo flags included', async () => {
    const prompts = new ScriptedPrompts({ keyboardInteractive: (request) => request.prompts.map(() => pam.account.password!) });
    const rig = await makeTunnel(route([hopTo(pam, [{ type: 'keyboard-interactive' }])]), credentials, { trust: [pam], prompts });
    await rig.tunnel.connect();
    await rig.tunnel.close();
    expect(prompts.asked).toHaveLength(1);
    expect(prompts.asked[0]).toMatchObject({ kind: 'keyboardInteractive', round: 1, prompts: [{ prompt: expect.stringMatching(/password/i), echo: false }] });
    await pam.waitForLog(/Accepted keyboard-interactive\/pam/);
  });

  it('does publickey then keyboard-interactive (partial success)', async () => {
    const prompts = new ScriptedPrompts({ keyboardInteractive: (request) => request.prompts.map(() => twoFactor.account.password!) });
    const rig = await makeTunnel(
      route([hopTo(twoFactor, [{ type: 'publickey', keyId: 'main' }, { type: 'keyboard-interactive' }])]),
      credentials,
      { trust: [twoFactor], prompts },
    );
    await rig.tunnel.connect();
    await rig.tunnel.close();
    await twoFactor.waitForLog(/Partial publickey for/);
    await twoFactor.waitForLog(/Accepted keyboard-interactive\/pam/);
  });

  it('a cancelled keyboard-interactive prompt ends the attempt with CANCELLED', async () => {
    const prompts = new ScriptedPrompts({ keyboardInteractive: () => null });
    const rig = await makeTunnel(route([hopTo(pam, [{ type: 'keyboard-interactive' }])]), credentials, { trust: [pam], prompts });
    const error = await expectCode(rig.tunnel.connect());
    expect(error.code).toBe('CANCELLED');
  });

  it('authenticates through a real ssh-agent, offering only the named key (IdentitiesOnly)', async () => {
    const only = await makeTunnel(
      route([hopTo(twoFactor, [{ type: 'agent', socket: agentSocket, keyId: 'main' }, { type: 'keyboard-interactive' }])]),
      credentials,
      { trust: [twoFactor], prompts: new ScriptedPrompts({ keyboardInteractive: (r) => r.prompts.map(() => twoFactor.account.password!) }) },
    );
    await only.tunnel.connect();
    await only.tunnel.close();

    // Without the filter the agent offers all six keys and sshd (MaxAuthTries 3) gives up first.
    const all = await makeTunnel(route([hopTo(twoFactor, [{ type: 'agent', socket: agentSocket }])]), credentials, { trust: [twoFactor] });
    const error = await expectCode(all.tunnel.connect());
    expect(['SSH_AUTH_FAILED', 'SSH_HANDSHAKE_FAILED']).toContain(error.code);
  });

  it('says plainly when no agent is available', async () => {
    const saved = process.env.SSH_AUTH_SOCK;
    delete process.env.SSH_AUTH_SOCK;
    try {
      const rig = await makeTunnel(route([hopTo(twoFactor, [{ type: 'agent' }])]), credentials, { trust: [twoFactor] });
      const error = await expectCode(rig.tunnel.connect());
      expect(error.code).toBe('SSH_AUTH_FAILED');
      expect(error.message).toContain('no SSH agent');
    } finally {
      if (saved !== undefined) process.env.SSH_AUTH_SOCK = saved;
    }
  });
});
