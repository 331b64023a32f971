import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Fingerprint } from '../../../electron/core/ssh/fingerprint';
import { MemoryKnownHosts } from '../../../electron/core/ssh/hostKeys';
import { generateKey, makeTempDir, publicKeyBlob, startSshd, type GeneratedKey, type SshdServer, type TempDir } from '../../env';
import { run } from '../../env/run';
import { expectCode, hopTo, makeTunnel, route, ScriptedPrompts, TestCredentials } from './harness';

describe('tunnel engine: host key verification against real OpenSSH', () => {
  let dir: TempDir;
  let key: GeneratedKey;
  const credentials = new TestCredentials();
  let sshd: SshdServer;
  let other: SshdServer;

  beforeAll(async () => {
    dir = makeTempDir('ssh-hostkeys');
    key = await generateKey(dir.path, 'id_ed25519');
    credentials.keys.set('k', key);
    [sshd, other] = await Promise.all([startSshd({ authorizedKeys: [key.publicKey] }), startSshd({ authorizedKeys: [key.publicKey] })]);
  });

  afterAll(async () => {
    await Promise.all([sshd?.stop(), other?.stop()]);
    dir?.remove();
  });

  const hop = () => [hopTo(sshd, [{ type: 'publickey', keyId: 'k' }])];

  it('prompts for an unknown key with its type and SHA256 fingerprint, then remembers it', async () => {
    const knownHosts = new MemoryKnownHosts();
    const prompts = new ScriptedPrompts({ hostKey: () => 'trust-always' });
    const first = await makeTunnel(route(hop()), credentials, { knownHosts, prompts });
    await first.tunnel.connect();
    await first.tunnel.close();
    const blob = publicKeyBlob(sshd.hostKeys['ssh-ed25519']);
    expect(prompts.asked).toEqual([
      { kind: 'hostKey', hop: { index: 1, count: 1, host: sshd.host, port: sshd.port }, keyType: 'ssh-ed25519', fingerprint: sha256Fingerprint(blob) },
    ]);
    expect(await knownHosts.entries()).toEqual([{ host: sshd.host, port: sshd.port, keyType: 'ssh-ed25519', key: blob }]);

    const second = await makeTunnel(route(hop()), credentials, { knownHosts, prompts: new ScriptedPrompts() });
    await second.tunnel.connect();
    await second.tunnel.close();
    expect(second.prompts.asked).toEqual([]);
  });

  it('trust-once is not written to the store', async () => {
    const knownHosts = new MemoryKnownHosts();
    const rig = await makeTunnel(route(hop()), credentials, { knownHosts, prompts: new ScriptedPrompts({ hostKey: () => 'trust-once' }) });
    await rig.tunnel.connect();
    await rig.tunnel.close();
    expect(await knownHosts.entries()).toEqual([]);
  });

  it('a rejected unknown key fails with SSH_HOST_KEY_UNKNOWN at the hostkey stage', async () => {
    const rig = await makeTunnel(route(hop()), credentials, { prompts: new ScriptedPrompts({ hostKey: () => 'reject' }) });
    const error = await expectCode(rig.tunnel.connect());
    expect(error.code).toBe('SSH_HOST_KEY_UNKNOWN');
    expect(error.detail).toMatchObject({ stage: 'hostkey', hop: 1 });
  });

  it('refuses a changed host key with both fingerprints, without prompting', async () => {
    const knownHosts = new MemoryKnownHosts();
    // The store holds the other server's key for this host:port: exactly what a changed key looks like.
    const oldBlob = publicKeyBlob(other.hostKeys['ssh-ed25519']);
    await knownHosts.remember({ host: sshd.host, port: sshd.port, keyType: 'ssh-ed25519', key: oldBlob });
    const prompts = new ScriptedPrompts({ hostKey: () => 'trust-always' });
    const rig = await makeTunnel(route(hop()), credentials, { knownHosts, prompts });
    const error = await expectCode(rig.tunnel.connect());
    expect(error.code).toBe('SSH_HOST_KEY_MISMATCH');
    expect(error.message).toContain(sha256Fingerprint(oldBlob));
    expect(error.message).toContain(sha256Fingerprint(publicKeyBlob(sshd.hostKeys['ssh-ed25519'])));
    expect(prompts.asked).toEqual([]);

    // Only an explicit forget clears it.
    knownHosts.forget(sshd.host, sshd.port);
    const after = await makeTunnel(route(hop()), credentials, { knownHosts, prompts: new ScriptedPrompts({ hostKey: () => 'trust-always' }) });
    await after.tunnel.connect();
    await after.tunnel.close();
  });

  it('trusts hashed ~/.ssh/known_hosts entries and honours @revoked', async () => {
    const file = dir.join('known_hosts');
    const [type, blob] = sshd.hostKeys['ssh-ed25519'].split(' ');
    writeFileSync(file, `[${sshd.host}]:${sshd.port} ${type} ${blob}\n`);
    await run('ssh-keygen', ['-H', '-f', file]);
    const hashed = (await import('node:fs')).readFileSync(file, 'utf8');
    expect(hashed).toMatch(/^\|1\|/);
    const rig = await makeTunnel(route(hop()), credentials, { userKnownHostsFiles: [file], prompts: new ScriptedPrompts() });
    await rig.tunnel.connect();
    await rig.tunnel.close();
    expect(rig.prompts.asked).toEqual([]);

    const revokedFile = dir.join('known_hosts_revoked');
    writeFileSync(revokedFile, `@revoked * ${type} ${blob}\n`);
    const revoked = await makeTunnel(route(hop()), credentials, { userKnownHostsFiles: [revokedFile], prompts: new ScriptedPrompts({ hostKey: () => 'trust-always' }) });
    const error = await expectCode(revoked.tunnel.connect());
    expect(error.code).toBe('SSH_HOST_KEY_REVOKED');
    expect(revoked.prompts.asked).toEqual([]);
  });

  it('does not count time spent on the prompt against the connect timeout', async () => {
    const prompts = new ScriptedPrompts({ hostKey: () => new Promise((resolve) => setTimeout(() => resolve('trust-once'), 2_500)) });
    const rig = await makeTunnel(route(hop(), { connectTimeoutSeconds: 1 }), credentials, { prompts });
    await rig.tunnel.connect();
    await rig.tunnel.close();
    expect(prompts.asked).toHaveLength(1);
  });
});
