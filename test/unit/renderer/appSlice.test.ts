import { describe, expect, it } from 'vitest';
import { appStateFor } from '../../../renderer/src/store/appSlice';

describe('appStateFor', () => {
  it('maps an ok result to ready with the info', () => {
    const info = { name: 'Burrow' as const, version: '1', platform: 'linux', runtime: 'electron' as const, versions: { node: '24', electron: '45' }, sshNativeCrypto: true, agentPresets: [] };
    expect(appStateFor({ ok: true, value: info })).toEqual({ status: 'ready', info });
  });
  it('maps an error result to failed with the coded error', () => {
    const error = { code: 'INTERNAL' as const, message: 'boom' };
    expect(appStateFor({ ok: false, error })).toEqual({ status: 'failed', error });
  });
});
