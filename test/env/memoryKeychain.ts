import { BurrowError } from '../../shared/errors';
import type { Keychain } from '../../electron/core/store/vault/keychain';

/** An in-memory Keychain double; `available = false` behaves like Linux without a Secret Service. */
export class MemoryKeychain implements Keychain {
  readonly entries = new Map<string, string>();
  available = true;

  async get(account: string): Promise<string | null> {
    this.check();
    return this.entries.get(account) ?? null;
  }

  async set(account: string, value: string): Promise<void> {
    this.check();
    this.entries.set(account, value);
  }

  async delete(account: string): Promise<boolean> {
    this.check();
    return this.entries.delete(account);
  }

  private check(): void {
    if (!this.available) throw new BurrowError('KEYCHAIN_UNAVAILABLE', 'no keychain (test double)');
  }
}
