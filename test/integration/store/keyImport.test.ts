import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BurrowError } from '../../../shared/errors';
import { createStore, type Store } from '../../../electron/core/store/createStore';
import { generateKey, makeTempDir, publicKeyBlob, requireBinary, type TempDir } from '../../env';
import { openssl, toPpk } from '../../env/keyFormats';
import { MemoryKeychain } from '../../env/memoryKeychain';
import { run } from '../../env/run';

const { utils } = ssh2;

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BurrowError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a BurrowError');
}

function parsePublic(privateKey: Buffer): Buffer {
  const parsed = utils.parseKey(privateKey);
  if (parsed instanceof Error) throw parsed;
  const key = Array.isArray(parsed) ? parsed[0]! : parsed;
  expect(key.isPrivateKey()).toBe(true);
  return key.getPublicSSH();
}

/** OpenSSH 9.2 cannot read PKCS#8 ed25519, so the reference line is built from openssl's raw public key. */
async function ed25519LineByOpenSsl(pemPath: string): Promise<string> {
  const bin = requireBinary('openssl', 'openssl');
  const { stdout } = await run(bin, ['pkey', '-in', pemPath, '-pubout', '-outform', 'PEM']);
  const der = Buffer.from(stdout.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  const raw = der.subarray(der.length - 32);
  const blob = Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 32]), raw]);
  return `ssh-ed25519 ${blob.toString('base64')}`;
}

async function fingerprintByOpenSsh(publicKeyPath: string): Promise<string> {
  const { stdout } = await run(requireBinary('ssh-keygen', 'openssh-client'), ['-l', '-E', 'sha256', '-f', publicKeyPath]);
  return stdout.split(/\s+/)[1]!;
}

describe('SSH key import: every format, made at test time by ssh-keygen, puttygen and openssl', () => {
  let dir: TempDir;
  let store: Store;

  beforeAll(() => {
    dir = makeTempDir('keys');
    store = createStore({ dataDir: dir.join('data'), keychain: new MemoryKeychain(), home: dir.path });
  });
  afterAll(() => dir.remove());

  /** Imports, then checks the stored key loads in ssh2 with the original public key. */
  async function importAndVerify(source: { kind: 'path'; path: string } | { kind: 'text'; text: string }, pubLine: string, passphrase?: string) {
    const info = await store.keys.import({ source, ...(passphrase ? { passphrase } : {}) });
    const expectedBlob = publicKeyBlob(pubLine);
    expect(info.publicKey.split(' ').slice(0, 2).join(' ')).toBe(pubLine.split(/\s+/).slice(0, 2).join(' '));
    const loaded = await store.keys.loadForAuth(info.id, passphrase);
    expect(loaded.publicKey.equals(expectedBlob)).toBe(true);
    expect(parsePublic(loaded.privateKey).equals(expectedBlob)).toBe(true);
    expect(loaded.privateKey.toString()).not.toMatch(/ENCRYPTED/);
    return info;
  }

  const sshKeygenCases = [
    { type: 'ed25519' as const, format: 'openssh' as const, expectFormat: 'openssh', bits: 256 },
    { type: 'ecdsa' as const, bits: 256, format: 'openssh' as const, expectFormat: 'openssh' },
    { type: 'ecdsa' as const, bits: 384, format: 'pem' as const, expectFormat: 'pem-sec1' },
    { type: 'ecdsa' as const, bits: 521, format: 'pkcs8' as const, expectFormat: 'pkcs8' },
    { type: 'rsa' as const, bits: 3072, format: 'openssh' as const, expectFormat: 'openssh' },
    { type: 'rsa' as const, bits: 2048, format: 'pem' as const, expectFormat: 'pem-pkcs1' },
    { type: 'rsa' as const, bits: 2048, format: 'pkcs8' as const, expectFormat: 'pkcs8' },
  ];

  for (const c of sshKeygenCases) {
    for (const encrypted of [false, true]) {
      const label = `${c.type}-${c.bits} ${c.format} ${encrypted ? 'encrypted' : 'plain'}`;
      it(`ssh-keygen ${label}: type, bits, fingerprint, passphrase checks, ssh2 loads what is stored`, async () => {
        const name = label.replace(/\W+/g, '_');
        const pass = encrypted ? `pw-${name}` : undefined;
        const key = await generateKey(dir.path, name, { type: c.type, bits: c.type === 'ed25519' ? undefined : c.bits, format: c.format, passphrase: pass, comment: `${name}@test` });
        const inspection = await store.keys.inspect({ source: { kind: 'path', path: key.privateKeyPath } });
        expect(inspection.encrypted).toBe(encrypted);
        const format = encrypted && c.format === 'pkcs8' ? 'pkcs8-encrypted' : c.expectFormat;
        expect(inspection.format).toBe(format);
        if (encrypted) {
          expect((await codeOf(store.keys.import({ source: { kind: 'path', path: key.privateKeyPath } }))).code).toBe('KEY_PASSPHRASE_REQUIRED');
          expect((await codeOf(store.keys.import({ source: { kind: 'path', path: key.privateKeyPath }, passphrase: 'wrong' }))).code).toBe('KEY_PASSPHRASE_WRONG');
        }
        const info = await importAndVerify({ kind: 'path', path: key.privateKeyPath }, key.publicKey, pass);
        expect(info.type).toBe(c.type);
        expect(info.bits).toBe(c.bits);
        expect(info.format).toBe(format);
        expect(info.fingerprint).toBe(await fingerprintByOpenSsh(key.publicKeyPath));
        // PEM and PKCS#8 carry no comment: it comes from the .pub beside the file.
        expect(info.comment).toBe(`${name}@test`);
        expect(info.hasPassphrase).toBe(encrypted);
        if (encrypted) {
          expect((await codeOf(store.keys.loadForAuth(info.id))).code).toBe('KEY_PASSPHRASE_REQUIRED');
          expect((await codeOf(store.keys.loadForAuth(info.id, 'nope'))).code).toBe('KEY_PASSPHRASE_WRONG');
        }
        await store.keys.delete({ id: info.id });
      });
    }
  }

  it('decrypting an OpenSSH key (bcrypt, ssh-keygen -a 64) leaves the main thread free: tunnels and IPC keep running', async () => {
    const key = await generateKey(dir.path, 'bcrypt64', { type: 'ed25519', passphrase: 'slow-kdf', kdfRounds: 64 });
    let last = performance.now();
    let longestStall = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestStall = Math.max(longestStall, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    try {
      const wrong = await codeOf(store.keys.import({ source: { kind: 'path', path: key.privateKeyPath }, passphrase: 'not-it' }));
      expect(wrong.code).toBe('KEY_PASSPHRASE_WRONG');
      const info = await importAndVerify({ kind: 'path', path: key.privateKeyPath }, key.publicKey, 'slow-kdf');
      expect(info.format).toBe('openssh');
      await store.keys.delete({ id: info.id });
    } finally {
      clearInterval(ticker);
    }
    const elapsed = performance.now() - started;
    // Two 64-round derivations take over a second here; on the main thread that was one stall as long.
    expect(elapsed).toBeGreaterThan(500);
    expect(longestStall).toBeLessThan(250);
  });

  for (const version of [2, 3] as const) {
    for (const keyType of ['ed25519', 'ecdsa', 'rsa'] as const) {
      for (const encrypted of [false, true]) {
        const label = `PPK v${version} ${keyType} ${encrypted ? 'encrypted' : 'plain'}`;
        it(`puttygen ${label}`, async () => {
          const name = label.replace(/\W+/g, '_');
          const key = await generateKey(dir.path, name, { type: keyType, bits: keyType === 'rsa' ? 2048 : keyType === 'ecdsa' ? 384 : undefined, comment: `${name}@putty` });
          const pass = encrypted ? `ppk pass ${version}` : undefined;
          const text = await toPpk(key.privateKeyPath, dir.join(`${name}.ppk`), { version, passphrase: pass });
          expect(text.startsWith(`PuTTY-User-Key-File-${version}:`)).toBe(true);
          const inspection = await store.keys.inspect({ source: { kind: 'text', text } });
          expect(inspection).toMatchObject({ format: `ppk-v${version}`, encrypted, type: keyType, comment: `${name}@putty` });
          expect(inspection.fingerprint).toBe(await fingerprintByOpenSsh(key.publicKeyPath));
          if (encrypted) {
            const wrong = await codeOf(store.keys.import({ source: { kind: 'text', text }, passphrase: 'not it' }));
            expect(wrong.code).toBe('KEY_PASSPHRASE_WRONG');
            expect(wrong.message).toBe(version === 3 ? 'PPK v3 with an Argon2 passphrase: wrong passphrase' : 'PPK v2 with a passphrase: wrong passphrase');
            expect((await codeOf(store.keys.import({ source: { kind: 'text', text } }))).code).toBe('KEY_PASSPHRASE_REQUIRED');
          }
          const info = await importAndVerify({ kind: 'text', text }, key.publicKey, pass);
          expect(info.format).toBe(`ppk-v${version}`);
          expect(info.comment).toBe(`${name}@putty`);
          await store.keys.delete({ id: info.id });
        });
      }
    }
  }

  it('PPK v3 with Argon2i and Argon2d key derivation', async () => {
    const key = await generateKey(dir.path, 'argon-flavours', { type: 'ed25519' });
    for (const kdf of ['argon2i', 'argon2d'] as const) {
      const text = await toPpk(key.privateKeyPath, dir.join(`flavour-${kdf}.ppk`), { version: 3, passphrase: 'flavour', kdf });
      expect(text).toContain(`Key-Derivation: ${kdf === 'argon2i' ? 'Argon2i' : 'Argon2d'}`);
      const info = await importAndVerify({ kind: 'text', text }, key.publicKey, 'flavour');
      await store.keys.delete({ id: info.id });
    }
  });

  it('a PPK file whose MAC was tampered with is refused as damaged', async () => {
    const key = await generateKey(dir.path, 'tamper', { type: 'ed25519' });
    const text = await toPpk(key.privateKeyPath, dir.join('tamper.ppk'), { version: 3 });
    const tampered = text.replace(/Comment: .*/, 'Comment: edited');
    const result = await codeOf(store.keys.import({ source: { kind: 'text', text: tampered } }));
    expect(result).toEqual({ code: 'KEY_INVALID', message: 'damaged PuTTY key file: its MAC does not match (was it edited?)' });
  });

  it('openssl PKCS#8 ed25519 plain and encrypted, and PKCS#1 / SEC1 encrypted by openssl', async () => {
    const ed = dir.join('openssl-ed25519.pem');
    await openssl(['genpkey', '-algorithm', 'ed25519', '-out', ed]);
    const encrypted = dir.join('openssl-ed25519-enc.pem');
    await openssl(['pkcs8', '-topk8', '-in', ed, '-out', encrypted, '-passout', 'pass:p8pass']);
    const pubLine = await ed25519LineByOpenSsl(ed);
    const plain = await importAndVerify({ kind: 'path', path: ed }, pubLine.trim());
    expect(plain.format).toBe('pkcs8');
    await store.keys.delete({ id: plain.id });
    expect((await codeOf(store.keys.import({ source: { kind: 'path', path: encrypted }, passphrase: 'bad' }))).code).toBe('KEY_PASSPHRASE_WRONG');
    const enc = await importAndVerify({ kind: 'path', path: encrypted }, pubLine.trim(), 'p8pass');
    expect(enc.format).toBe('pkcs8-encrypted');
    await store.keys.delete({ id: enc.id });

    const rsa = dir.join('openssl-rsa-trad.pem');
    await openssl(['genrsa', '-traditional', '-aes256', '-passout', 'pass:tradpass', '-out', rsa, '2048']);
    expect(readFileSync(rsa, 'utf8')).toContain('Proc-Type: 4,ENCRYPTED');
    const { stdout: rsaPub } = await run(requireBinary('ssh-keygen', 'openssh-client'), ['-y', '-P', 'tradpass', '-f', rsa]);
    const rsaInfo = await importAndVerify({ kind: 'path', path: rsa }, rsaPub.trim(), 'tradpass');
    expect(rsaInfo).toMatchObject({ format: 'pem-pkcs1', type: 'rsa', bits: 2048 });
    await store.keys.delete({ id: rsaInfo.id });

    const ec = dir.join('openssl-ec.pem');
    const ecEnc = dir.join('openssl-ec-enc.pem');
    await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', ec]);
    await openssl(['ec', '-in', ec, '-aes256', '-passout', 'pass:ecpass', '-out', ecEnc]);
    expect(readFileSync(ecEnc, 'utf8')).toMatch(/BEGIN EC PRIVATE KEY[\s\S]*Proc-Type: 4,ENCRYPTED/);
    chmodSync(ec, 0o600);
    const { stdout: ecPub } = await run(requireBinary('ssh-keygen', 'openssh-client'), ['-y', '-f', ec]);
    const ecInfo = await importAndVerify({ kind: 'path', path: ecEnc }, ecPub.trim(), 'ecpass');
    expect(ecInfo).toMatchObject({ format: 'pem-sec1', type: 'ecdsa', bits: 256 });
    await store.keys.delete({ id: ecInfo.id });
  });

  it('refuses DSA, public keys, certificates, other curves, binary garbage and oversized files with the reason', async () => {
    const dsa = dir.join('dsa.pem');
    await openssl(['genpkey', '-genparam', '-algorithm', 'DSA', '-pkeyopt', 'dsa_paramgen_bits:1024', '-out', dir.join('dsaparam.pem')]);
    await openssl(['genpkey', '-paramfile', dir.join('dsaparam.pem'), '-out', dsa]);
    expect(await codeOf(store.keys.import({ source: { kind: 'path', path: dsa } }))).toEqual({
      code: 'KEY_UNSUPPORTED',
      message: 'DSA keys are not supported by OpenSSH ≥ 7.0; generate an ed25519 key instead',
    });
    await openssl(['dsa', '-in', dsa, '-out', dir.join('dsa-trad.pem'), '-traditional']).catch(() => openssl(['dsa', '-in', dsa, '-out', dir.join('dsa-trad.pem')]));
    expect((await codeOf(store.keys.import({ source: { kind: 'path', path: dir.join('dsa-trad.pem') } }))).message).toMatch(/DSA keys are not supported by OpenSSH ≥ 7\.0/);

    const key = await generateKey(dir.path, 'pubonly', { type: 'ed25519' });
    const pub = await codeOf(store.keys.import({ source: { kind: 'path', path: key.publicKeyPath } }));
    expect(pub.code).toBe('KEY_INVALID');
    expect(pub.message).toMatch(/^this is a public key, not a private key/);
    expect((await codeOf(store.keys.import({ source: { kind: 'text', text: key.publicKey } }))).message).toMatch(/^this is a public key, not a private key/);

    const secp = dir.join('secp256k1.pem');
    await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:secp256k1', '-out', secp]);
    expect((await codeOf(store.keys.import({ source: { kind: 'path', path: secp } }))).message).toMatch(/curve secp256k1 is not supported by SSH/);

    const garbage = dir.join('garbage.bin');
    writeFileSync(garbage, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256)));
    expect(await codeOf(store.keys.import({ source: { kind: 'path', path: garbage } }))).toEqual({ code: 'KEY_INVALID', message: 'this is binary data, not a private key' });

    const huge = dir.join('huge.txt');
    writeFileSync(huge, 'A'.repeat(10 * 1024 * 1024));
    expect((await codeOf(store.keys.import({ source: { kind: 'path', path: huge } }))).message).toMatch(/10\.0 MB, far too large to be a private key/);
    expect((await store.keys.list()).length).toBe(0);
  });

  it('the DER encoding of a PKCS#8 key imports from a file', async () => {
    const pem = dir.join('der-src.pem');
    await openssl(['genpkey', '-algorithm', 'ed25519', '-out', pem]);
    const der = dir.join('key.der');
    await openssl(['pkey', '-in', pem, '-outform', 'DER', '-out', der]);
    const info = await importAndVerify({ kind: 'path', path: der }, await ed25519LineByOpenSsl(pem));
    expect(info.format).toBe('der');
    await store.keys.delete({ id: info.id });
  });
});
