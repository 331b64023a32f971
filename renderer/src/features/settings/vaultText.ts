import type { VaultStatus } from '../../../../shared/vault';

/** Pure: one line on where saved passwords stand, for the sidebar; null when all is well. */
export function vaultProblem(vault: VaultStatus | null): string | null {
  if (!vault || vault.state === 'ready') return null;
  if (vault.state === 'keychainUnavailable') return 'Passwords are not saved: there is no system keychain, so Burrow asks each time.';
  if (vault.state === 'keyMismatch') return 'Saved passwords cannot be read: the vault key in the system keychain is missing or different.';
  return 'Saved passwords cannot be read: the vault file is damaged.';
}

/** Pure: what the user can do about it. */
export function vaultRemedy(vault: VaultStatus): string {
  switch (vault.state) {
    case 'ready':
      return `${vault.secretCount ?? 0} saved secret${vault.secretCount === 1 ? '' : 's'} (passwords, passphrases, private keys), encrypted under a key kept in the system keychain.`;
    case 'keychainUnavailable':
      return 'Start or unlock a keychain (on Linux, a Secret Service such as GNOME Keyring or KWallet), then restart Burrow. Nothing secret is written to disk meanwhile.';
    case 'keyMismatch':
      return 'If the keychain entry can come back (another login, a restored keychain), restore it and restart Burrow. Otherwise start a new vault: the unreadable file is kept aside, and Burrow asks for passwords again as you connect.';
    case 'corrupt':
      return 'Start a new vault: the damaged file is kept aside, and Burrow asks for passwords again as you connect.';
  }
}
