import { describe, expect, it } from 'vitest';
import { BurrowError } from '../../../shared/errors';
import { createCore } from '../../../electron/core/createCore';
import { createDispatch, type Handlers } from '../../../electron/core/dispatch';
import { draftFromForm, emptyForm, emptyHop } from '../../../renderer/src/features/connections/profileDraft';

/** Handlers for the channels a test exercises; the others answer INTERNAL if called. */
const only = (handlers: Partial<Handlers>): Handlers => handlers as Handlers;

const info = { name: 'Burrow' as const, version: '1', platform: 'linux', runtime: 'test-host' as const, versions: { node: '24', electron: null }, sshNativeCrypto: true, agentPresets: [] };

describe('dispatch: the transport-independent IPC boundary', () => {
  it('returns the value in an ok envelope', async () => {
    const dispatch = createDispatch(only({ 'app.info': () => info }));
    await expect(dispatch('app.info', {})).resolves.toEqual({ ok: true, value: info });
  });

  it('answers unknown channels, including prototype names, with VALIDATION', async () => {
    const dispatch = createDispatch(only({ 'app.info': () => info }));
    for (const channel of ['nope.nothing', '__proto__', 'constructor', 'toString']) {
      const result = await dispatch(channel, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });

  it('answers malformed payloads with VALIDATION naming the field', async () => {
    const dispatch = createDispatch(only({ 'app.info': () => info }));
    for (const payload of [null, 42, 'x', [], { extra: 1 }]) {
      const result = await dispatch('app.info', payload);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('VALIDATION');
    }
    const extra = await dispatch('app.info', { extra: 1 });
    expect(!extra.ok && extra.error.message).toMatch(/^app\.info: /);
  });

  it('lists every wrong field of a payload in detail.issues, so a form can mark each one', async () => {
    const dispatch = createDispatch(only({ 'profiles.save': () => { throw new Error('not reached'); } }));
    const form = { ...emptyForm(), name: '', host: 'db', port: '70000', defaultRowLimit: '0', hops: [{ ...emptyHop(), host: 'bastion', port: 'ssh', username: 'me' }] };
    const result = await dispatch('profiles.save', draftFromForm(form));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    const issues = result.error.detail?.issues as { field: string; message: string }[];
    expect(issues.map((i) => i.field).sort()).toEqual(['defaultRowLimit', 'name', 'port', 'ssh.hops.0.auth.0.keyId', 'ssh.hops.0.port']);
    expect(issues.find((i) => i.field === 'ssh.hops.0.auth.0.keyId')?.message).toBe('choose a key');
    expect(issues.find((i) => i.field === 'port')?.message).toBe('port must be between 1 and 65535');
    expect(result.error.detail?.field).toBe(issues[0]!.field);
  });

  it('keeps the code of a BurrowError and maps anything else to INTERNAL, redacted', async () => {
    const coded: Partial<Handlers> = { 'app.info': () => { throw new BurrowError('SSH_AUTH_FAILED', 'hop 1/1: password=hunter2 rejected'); } };
    await expect(createDispatch(only(coded))('app.info', {})).resolves.toEqual({
      ok: false,
      error: { code: 'SSH_AUTH_FAILED', message: 'hop 1/1: password=*** rejected' },
    });
    const plain: Partial<Handlers> = { 'app.info': async () => { throw new Error('connect postgres://bob:s3cret@db:5432/x failed'); } };
    await expect(createDispatch(only(plain))('app.info', {})).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'connect postgres://bob:***@db:5432/x failed' },
    });
  });

  it('is what createCore exposes', async () => {
    const core = createCore({ dataDir: '/nonexistent', appVersion: '9.9.9', runtime: 'test-host', electronVersion: null, home: '/home/ada' });
    const result = await core.dispatch('app.info', {});
    // sshNativeCrypto true also proves the toolchain built ssh2's binding for this Node.
    expect(result).toMatchObject({ ok: true, value: { version: '9.9.9', versions: { node: process.versions.node }, sshNativeCrypto: true } });
    const presets = result.ok ? (result.value as { agentPresets: { name: string; socket: string }[] }).agentPresets : [];
    expect(presets).toContainEqual({ name: '1Password (Linux)', socket: '/home/ada/.1password/agent.sock' });
    expect(presets.map((preset) => preset.name)).toEqual(expect.arrayContaining(['1Password (macOS)', 'Secretive (macOS)', 'Windows OpenSSH agent', 'Pageant']));
    await core.close();
  });
});
