import { describe, expect, it } from 'vitest';
import { vaultProblem, vaultRemedy } from '../../../renderer/src/features/settings/vaultText';

describe('what the UI says about saved secrets', () => {
  it('raises nothing when the vault is ready, and says why passwords are asked for otherwise', () => {
    expect(vaultProblem(null)).toBeNull();
    expect(vaultProblem({ state: 'ready', message: '', secretCount: 3 })).toBeNull();
    expect(vaultProblem({ state: 'keychainUnavailable', message: '', secretCount: null })).toMatch(/^Passwords are not saved: there is no system keychain/);
    expect(vaultProblem({ state: 'keyMismatch', message: '', secretCount: null })).toMatch(/^Saved passwords cannot be read: the vault key/);
    expect(vaultProblem({ state: 'corrupt', message: '', secretCount: null })).toMatch(/^Saved passwords cannot be read: the vault file is damaged/);
  });

  it('counts the saved secrets and says what to do in each state', () => {
    expect(vaultRemedy({ state: 'ready', message: '', secretCount: 1 })).toMatch(/^1 saved secret \(/);
    expect(vaultRemedy({ state: 'ready', message: '', secretCount: 4 })).toMatch(/^4 saved secrets \(/);
    expect(vaultRemedy({ state: 'keyMismatch', message: '', secretCount: null })).toMatch(/restore it and restart Burrow\. Otherwise start a new vault/);
    expect(vaultRemedy({ state: 'keychainUnavailable', message: '', secretCount: null })).toMatch(/GNOME Keyring or KWallet/);
  });
});
