import { Entry } from '@napi-rs/keyring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBinary, startSecretService, type SecretService } from '../env';
import { run } from '../env/run';

describe('test env: gnome-keyring Secret Service on a private D-Bus session', () => {
  let service: SecretService;
  const saved = process.env.DBUS_SESSION_BUS_ADDRESS;

  beforeAll(async () => {
    service = await startSecretService();
    process.env.DBUS_SESSION_BUS_ADDRESS = service.env.DBUS_SESSION_BUS_ADDRESS;
  });

  afterAll(async () => {
    if (saved === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
    else process.env.DBUS_SESSION_BUS_ADDRESS = saved;
    await service?.stop();
  });

  it('stores through @napi-rs/keyring and reads back through libsecret', async () => {
    const entry = new Entry('burrow-test', 'vault-key');
    entry.setPassword('k3y-material');
    const secretTool = requireBinary('secret-tool', 'libsecret-tools');
    const { stdout } = await run(secretTool, ['lookup', 'service', 'burrow-test', 'username', 'vault-key'], {
      env: { ...process.env, ...service.env },
    });
    expect(stdout).toBe('k3y-material');
    expect(entry.getPassword()).toBe('k3y-material');
    expect(entry.deletePassword()).toBe(true);
    expect(new Entry('burrow-test', 'vault-key').getPassword()).toBeNull();
  });
});
