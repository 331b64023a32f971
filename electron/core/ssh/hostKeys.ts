import { readFile } from 'node:fs/promises';
import { sha256Fingerprint } from './fingerprint';
import { lineMatchesHost, parseKnownHosts, type KnownHostLine } from './knownHostsFile';

/** A host key Burrow itself trusts (its own store, see electron/core/store). */
export interface TrustedHostKey {
  host: string;
  port: number;
  keyType: string;
  key: Buffer;
}

/** The app's own known-hosts store, as the tunnel engine needs it. */
export interface AppKnownHosts {
  entries(): Promise<TrustedHostKey[]>;
  remember(entry: TrustedHostKey): Promise<void>;
}

export interface KnownKeyInfo {
  keyType: string;
  fingerprint: string;
  source: string;
}

export type HostKeyVerdict =
  | { status: 'trusted'; source: string }
  | { status: 'unknown'; knownTypes: string[] }
  | { status: 'mismatch'; known: KnownKeyInfo[] }
  | { status: 'revoked'; source: string };

export interface HostKeyVerifierOptions {
  app: AppKnownHosts;
  /** ~/.ssh/known_hosts and friends; read-only. Missing files are fine. */
  userKnownHostsFiles: readonly string[];
}

/**
 * Decides what a presented host key means for host:port. A key that differs from a known key of
 * the same type is a mismatch (never a prompt); a key listed under @revoked is refused; a host
 * with no key of that type is unknown, which the caller turns into a prompt.
 */
export class HostKeyVerifier {
  constructor(private readonly options: HostKeyVerifierOptions) {}

  async verdict(host: string, port: number, keyType: string, key: Buffer): Promise<HostKeyVerdict> {
    const lines = await this.allLines();
    const forHost = lines.filter((line) => line.marker !== 'cert-authority' && lineMatchesHost(line, host, port));
    const revoked = forHost.find((line) => line.marker === 'revoked' && line.key.equals(key));
    if (revoked) return { status: 'revoked', source: `${revoked.source}:${revoked.line}` };
    const plain = forHost.filter((line) => line.marker === null);
    const same = plain.find((line) => line.key.equals(key));
    if (same) return { status: 'trusted', source: same.source };
    const conflicting = plain.filter((line) => line.keyType === keyType);
    if (conflicting.length > 0) {
      return {
        status: 'mismatch',
        known: conflicting.map((line) => ({ keyType: line.keyType, fingerprint: sha256Fingerprint(line.key), source: `${line.source}:${line.line}` })),
      };
    }
    return { status: 'unknown', knownTypes: [...new Set(plain.map((line) => line.keyType))] };
  }

  /** Host key algorithms already known for host:port, so the server is asked for those first. */
  async knownKeyTypes(host: string, port: number): Promise<string[]> {
    const lines = await this.allLines();
    return [...new Set(lines.filter((l) => l.marker === null && lineMatchesHost(l, host, port)).map((l) => l.keyType))];
  }

  remember(entry: TrustedHostKey): Promise<void> {
    return this.options.app.remember(entry);
  }

  private async allLines(): Promise<KnownHostLine[]> {
    const appEntries = await this.options.app.entries();
    const lines: KnownHostLine[] = appEntries.map((entry, index) => ({
      marker: null,
      patterns: [entry.port === 22 ? entry.host.toLowerCase() : `[${entry.host.toLowerCase()}]:${entry.port}`],
      hashed: null,
      keyType: entry.keyType,
      key: entry.key,
      source: 'Burrow known hosts',
      line: index + 1,
    }));
    for (const file of this.options.userKnownHostsFiles) {
      const text = await readFile(file, 'utf8').catch(() => null);
      if (text !== null) lines.push(...parseKnownHosts(text, file));
    }
    return lines;
  }
}

/** An in-memory AppKnownHosts, for tests and for stores that are not available. */
export class MemoryKnownHosts implements AppKnownHosts {
  private readonly list: TrustedHostKey[] = [];
  async entries(): Promise<TrustedHostKey[]> {
    return [...this.list];
  }
  async remember(entry: TrustedHostKey): Promise<void> {
    const index = this.list.findIndex((e) => e.host === entry.host && e.port === entry.port && e.keyType === entry.keyType);
    if (index >= 0) this.list.splice(index, 1);
    this.list.push(entry);
  }
  forget(host: string, port: number): void {
    for (let i = this.list.length - 1; i >= 0; i--) {
      const entry = this.list[i]!;
      if (entry.host === host && entry.port === port) this.list.splice(i, 1);
    }
  }
}
