import { createHmac, timingSafeEqual } from 'node:crypto';

/** One line of a known_hosts file. */
export interface KnownHostLine {
  marker: 'revoked' | 'cert-authority' | null;
  /** Plain host patterns (`host`, `[host]:port`, wildcards, `!negations`), or null when hashed. */
  patterns: string[] | null;
  hashed: { salt: Buffer; hash: Buffer } | null;
  keyType: string;
  key: Buffer;
  source: string;
  line: number;
}

/** Parses OpenSSH known_hosts text: plain and hashed (`|1|salt|hash`) hosts, and markers. Bad lines are skipped. */
export function parseKnownHosts(text: string, source: string): KnownHostLine[] {
  const entries: KnownHostLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    let marker: KnownHostLine['marker'] = null;
    if (fields[0]?.startsWith('@')) {
      const name = fields.shift();
      if (name === '@revoked') marker = 'revoked';
      else if (name === '@cert-authority') marker = 'cert-authority';
      else return;
    }
    const [hosts, keyType, keyBase64] = fields;
    if (!hosts || !keyType || !keyBase64) return;
    const key = Buffer.from(keyBase64, 'base64');
    if (key.length === 0) return;
    let hashed: KnownHostLine['hashed'] = null;
    let patterns: string[] | null = null;
    if (hosts.startsWith('|1|')) {
      const [, , salt, hash] = hosts.split('|');
      if (!salt || !hash) return;
      hashed = { salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
    } else {
      patterns = hosts.split(',').filter(Boolean);
    }
    entries.push({ marker, patterns, hashed, keyType, key, source, line: index + 1 });
  });
  return entries;
}

/** How OpenSSH names a host in known_hosts: `host` on port 22, `[host]:port` otherwise. */
export function knownHostName(host: string, port: number): string {
  const lower = host.toLowerCase();
  return port === 22 ? lower : `[${lower}]:${port}`;
}

export function lineMatchesHost(entry: KnownHostLine, host: string, port: number): boolean {
  const name = knownHostName(host, port);
  if (entry.hashed) {
    const digest = createHmac('sha1', entry.hashed.salt).update(name).digest();
    return digest.length === entry.hashed.hash.length && timingSafeEqual(digest, entry.hashed.hash);
  }
  let matched = false;
  for (const pattern of entry.patterns ?? []) {
    const negated = pattern.startsWith('!');
    const body = (negated ? pattern.slice(1) : pattern).toLowerCase();
    if (globMatches(body, name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

function globMatches(pattern: string, text: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return regex.test(text);
}

/** A known_hosts line for one key, as Burrow exports it. */
export function formatKnownHostLine(host: string, port: number, keyType: string, key: Buffer): string {
  return `${knownHostName(host, port)} ${keyType} ${key.toString('base64')}`;
}
