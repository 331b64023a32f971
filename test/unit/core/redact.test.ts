import { describe, expect, it } from 'vitest';
import { redact } from '../../../electron/core/redact';

describe('redact', () => {
  it('removes passwords from URLs and key=value pairs', () => {
    expect(redact('mysql://root:pa:ss@h/db')).toBe('mysql://root:***@h/db');
    expect(redact('PASSWORD="a b c" user=x')).toBe('PASSWORD=*** user=x');
    expect(redact('passphrase: hunter2, next')).toBe('passphrase: ***, next');
  });

  it('removes private key blocks, PEM and PuTTY', () => {
    const pem = '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----';
    expect(redact(`bad key ${pem} here`)).toBe('bad key [private key redacted] here');
    expect(redact('PuTTY-User-Key-File-3: ssh-ed25519\nPrivate-Lines: 1\nAAAA\nPrivate-MAC: abc')).toBe('[private key redacted]');
  });

  it('leaves ordinary text alone', () => {
    expect(redact('hop 2/3 bastion.example:2222: authentication failed')).toBe('hop 2/3 bastion.example:2222: authentication failed');
  });
});
