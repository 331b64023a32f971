import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';
import { BurrowError } from '../../../../shared/errors';

/** The OS keychain as the vault needs it: one string per account under Burrow's service name. */
export interface Keychain {
  /** The stored value, or null when there is none. Throws KEYCHAIN_UNAVAILABLE when there is no keychain. */
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

/**
 * macOS Keychain, Windows Credential Manager, or the Secret Service (gnome-keyring, KWallet) on
 * Linux, through @napi-rs/keyring. On Linux the store is pinned to the Secret Service: the library
 * otherwise falls back to the kernel keyring, which forgets everything at logout, and a vault key
 * that vanishes would make the vault unreadable.
 */
export class KeyringKeychain implements Keychain {
  private readonly options: EntryOptions | undefined =
    process.platform === 'linux' ? { linux: { store: 'secret-service' } } : undefined;

  constructor(private readonly service = 'Burrow') {}

  get(account: string): Promise<string | null> {
    return this.call('read', () => this.entry(account).getPassword());
  }

  set(account: string, value: string): Promise<void> {
    return this.call('write', () => this.entry(account).setPassword(value));
  }

  delete(account: string): Promise<boolean> {
    return this.call('delete', () => this.entry(account).deletePassword());
  }

  private entry(account: string): AsyncEntry {
    return new AsyncEntry(this.service, account, this.options);
  }

  private async call<T>(action: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw new BurrowError(
        'KEYCHAIN_UNAVAILABLE',
        `the system keychain could not ${action} Burrow's vault key (${firstLine(error)}); secrets will be asked for every time`,
      );
    }
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.slice(0, 200) || 'unknown error';
}
