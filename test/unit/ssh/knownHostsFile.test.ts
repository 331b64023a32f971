import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatKnownHostLine, knownHostName, lineMatchesHost, parseKnownHosts } from '../../../electron/core/ssh/knownHostsFile';

const blob = Buffer.from('AAAAC3NzaC1lZDI1NTE5AAAAIE1hbmdvIHRoZSB0ZXN0IGtleSBibG9iIGhlcmUh', 'base64');
const b64 = blob.toString('base64');

describe('known_hosts parsing and matching', () => {
  it('names hosts as OpenSSH does', () => {
    expect(knownHostName('DB.example', 22)).toBe('db.example');
    expect(knownHostName('db.example', 2222)).toBe('[db.example]:2222');
  });

  it('parses plain, bracketed, marked and commented lines, skipping junk', () => {
    const text = [
      '# comment',
      `db.example,10.0.0.5 ssh-ed25519 ${b64} root@db`,
      `[bastion.example]:2222 ssh-ed25519 ${b64}`,
      `@revoked *.bad.example ssh-ed25519 ${b64}`,
      `@cert-authority *.example ssh-ed25519 ${b64}`,
      '@weird host ssh-ed25519 AAAA',
      'half-a-line',
    ].join('\n');
    const lines = parseKnownHosts(text, 'known_hosts');
    expect(lines.map((l) => [l.marker, l.patterns, l.line])).toEqual([
      [null, ['db.example', '10.0.0.5'], 2],
      [null, ['[bastion.example]:2222'], 3],
      ['revoked', ['*.bad.example'], 4],
      ['cert-authority', ['*.example'], 5],
    ]);
    expect(lines[0]!.key.equals(blob)).toBe(true);
  });

  it('matches ports, wildcards and negations', () => {
    const [plain, bracketed, revoked] = parseKnownHosts(
      [`db.example ssh-ed25519 ${b64}`, `[bastion.example]:2222 ssh-ed25519 ${b64}`, `*.example,!secret.example ssh-ed25519 ${b64}`].join('\n'),
      'f',
    );
    expect(lineMatchesHost(plain!, 'db.example', 22)).toBe(true);
    expect(lineMatchesHost(plain!, 'db.example', 2222)).toBe(false);
    expect(lineMatchesHost(bracketed!, 'bastion.example', 2222)).toBe(true);
    expect(lineMatchesHost(bracketed!, 'bastion.example', 22)).toBe(false);
    expect(lineMatchesHost(revoked!, 'api.example', 22)).toBe(true);
    expect(lineMatchesHost(revoked!, 'secret.example', 22)).toBe(false);
    expect(lineMatchesHost(revoked!, 'apiXexample', 22)).toBe(false);
  });

  it('matches hashed |1| entries by HMAC-SHA1 of the host name', () => {
    const salt = Buffer.from('0123456789abcdef0123');
    const hash = createHmac('sha1', salt).update('[db.example]:2200').digest();
    const [entry] = parseKnownHosts(`|1|${salt.toString('base64')}|${hash.toString('base64')} ssh-ed25519 ${b64}`, 'f');
    expect(entry!.patterns).toBeNull();
    expect(lineMatchesHost(entry!, 'db.example', 2200)).toBe(true);
    expect(lineMatchesHost(entry!, 'db.example', 22)).toBe(false);
  });

  it('formats export lines', () => {
    expect(formatKnownHostLine('db.example', 2222, 'ssh-ed25519', blob)).toBe(`[db.example]:2222 ssh-ed25519 ${b64}`);
  });
});
