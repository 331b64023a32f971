/**
 * What one tunnel remembers in memory for its own lifetime, so a reconnect does not ask again:
 * passwords and passphrases the user typed, and host keys trusted "once". Never written anywhere.
 * Keyboard-interactive answers are deliberately not kept: one-time codes change.
 */
export class SessionMemory {
  private readonly passwords = new Map<string, string>();
  private readonly passphrases = new Map<string, string>();
  private readonly trustedOnce = new Set<string>();

  password(hopId: string): string | null {
    return this.passwords.get(hopId) ?? null;
  }
  rememberPassword(hopId: string, password: string): void {
    this.passwords.set(hopId, password);
  }
  forgetPassword(hopId: string): void {
    this.passwords.delete(hopId);
  }
  passphrase(keyId: string): string | null {
    return this.passphrases.get(keyId) ?? null;
  }
  rememberPassphrase(keyId: string, passphrase: string): void {
    this.passphrases.set(keyId, passphrase);
  }
  isTrustedOnce(host: string, port: number, key: Buffer): boolean {
    return this.trustedOnce.has(`${host}:${port}:${key.toString('base64')}`);
  }
  trustOnce(host: string, port: number, key: Buffer): void {
    this.trustedOnce.add(`${host}:${port}:${key.toString('base64')}`);
  }
  clear(): void {
    this.passwords.clear();
    this.passphrases.clear();
    this.trustedOnce.clear();
  }
}
