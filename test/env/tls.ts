import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { requireBinary } from './binaries';
import { run } from './run';

export interface CertificateAuthority {
  certPath: string;
  keyPath: string;
  certPem: string;
}

export interface IssuedCertificate {
  certPath: string;
  keyPath: string;
  certPem: string;
  keyPem: string;
}

/** A throwaway CA made by openssl at test time. */
export async function makeCa(dir: string, name = 'Burrow Test CA'): Promise<CertificateAuthority> {
  const openssl = requireBinary('openssl', 'openssl');
  const keyPath = path.join(dir, `${slug(name)}.key`);
  const certPath = path.join(dir, `${slug(name)}.crt`);
  await run(openssl, ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', `/CN=${name}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  return { certPath, keyPath, certPem: readFileSync(certPath, 'utf8') };
}

/** A server certificate for `commonName` with the given DNS names and IPs, signed by `ca`. */
export async function issueCertificate(
  ca: CertificateAuthority,
  dir: string,
  commonName: string,
  altNames: { dns?: string[]; ip?: string[] } = {},
): Promise<IssuedCertificate> {
  const openssl = requireBinary('openssl', 'openssl');
  const base = path.join(dir, slug(commonName));
  const keyPath = `${base}.key`;
  const csrPath = `${base}.csr`;
  const certPath = `${base}.crt`;
  const extPath = `${base}.ext`;
  const sans = [...(altNames.dns ?? []).map((d) => `DNS:${d}`), ...(altNames.ip ?? []).map((i) => `IP:${i}`)];
  writeFileSync(extPath, `subjectAltName=${sans.join(',') || `DNS:${commonName}`}\nextendedKeyUsage=serverAuth,clientAuth\n`);
  await run(openssl, ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyPath, '-out', csrPath, '-subj', `/CN=${commonName}`]);
  await run(openssl, ['x509', '-req', '-in', csrPath, '-CA', ca.certPath, '-CAkey', ca.keyPath, '-CAcreateserial',
    '-out', certPath, '-days', '2', '-extfile', extPath]);
  return { certPath, keyPath, certPem: readFileSync(certPath, 'utf8'), keyPem: readFileSync(keyPath, 'utf8') };
}

const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
