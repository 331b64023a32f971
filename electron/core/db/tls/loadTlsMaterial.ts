import { readFile } from 'node:fs/promises';
import { BurrowError } from '../../../../shared/errors';
import type { TlsSettings } from '../../../../shared/profile';
import type { TlsMaterial } from '../../../../shared/query';

/** Reads the PEM files a profile's TLS settings point at; a missing or non-PEM file is DB_TLS_FAILED. */
export async function loadTlsMaterial(settings: TlsSettings): Promise<TlsMaterial> {
  const material: TlsMaterial = { mode: settings.mode };
  if (settings.serverName) material.serverName = settings.serverName;
  if (settings.ca) material.caPem = await readPem(settings.ca.path, 'CA bundle', /-----BEGIN CERTIFICATE-----/);
  if (settings.clientCert) material.clientCertPem = await readPem(settings.clientCert.path, 'client certificate', /-----BEGIN CERTIFICATE-----/);
  if (settings.clientKey) material.clientKeyPem = await readPem(settings.clientKey.path, 'client key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/);
  return material;
}

async function readPem(path: string, what: string, marker: RegExp): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    throw new BurrowError('DB_TLS_FAILED', `cannot read the ${what} file ${path} (${code})`, { path });
  }
  if (!marker.test(text)) throw new BurrowError('DB_TLS_FAILED', `the ${what} file ${path} is not PEM`, { path });
  return text;
}
