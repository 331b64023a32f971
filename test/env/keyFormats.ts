import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { requireBinary } from './binaries';
import { run } from './run';

/** PuTTY private key files made by Debian's puttygen from an existing OpenSSH/PEM key. */
export async function toPpk(
  sourceKeyPath: string,
  outPath: string,
  options: { version: 2 | 3; passphrase?: string; sourcePassphrase?: string; kdf?: 'argon2id' | 'argon2i' | 'argon2d' },
): Promise<string> {
  const puttygen = requireBinary('puttygen', 'putty-tools');
  const dir = path.dirname(outPath);
  const params = [`version=${options.version}`];
  if (options.version === 3 && options.kdf) params.push(`kdf=${options.kdf}`);
  if (options.version === 3 && options.passphrase) params.push('passes=2', 'memory=1024');
  const args = [sourceKeyPath, '-O', 'private', '-o', outPath, '--ppk-param', params.join(',')];
  if (options.sourcePassphrase) {
    const file = path.join(dir, `.old-pass-${path.basename(outPath)}`);
    writeFileSync(file, `${options.sourcePassphrase}\n`, { mode: 0o600 });
    args.push('--old-passphrase', file);
  }
  const newPass = path.join(dir, `.new-pass-${path.basename(outPath)}`);
  writeFileSync(newPass, `${options.passphrase ?? ''}\n`, { mode: 0o600 });
  args.push('--new-passphrase', newPass);
  await run(puttygen, args);
  return readFileSync(outPath, 'utf8');
}

/** Runs openssl with arguments; returns stdout. */
export async function openssl(args: string[]): Promise<string> {
  const bin = requireBinary('openssl', 'openssl');
  return (await run(bin, args)).stdout;
}
