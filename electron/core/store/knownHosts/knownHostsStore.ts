import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { BurrowError } from '../../../../shared/errors';
import {
  knownHostsAddRequestSchema,
  knownHostsExportRequestSchema,
  knownHostsForgetRequestSchema,
  knownHostsListRequestSchema,
  type KnownHost,
} from '../../../../shared/knownHosts';
import { VersionedJsonFile } from '../files/versionedJsonFile';
import { parseRequest } from '../parseRequest';

const entrySchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  keyType: z.string().min(1),
  key: z.string().min(1),
  addedAt: z.string(),
});
type Entry = z.infer<typeof entrySchema>;
const documentSchema = z.object({ version: z.literal(1), hosts: z.array(entrySchema) });
type KnownHostsDocument = z.infer<typeof documentSchema>;

/** The shape the tunnel engine reads (see electron/core/ssh/hostKeys.ts). */
export interface TrustedHostKey {
  host: string;
  port: number;
  keyType: string;
  key: Buffer;
}

/**
 * Host keys the user chose to trust in Burrow. One key per host, port and key type: trusting a
 * new key of the same type replaces the old one (that is what "the server was reinstalled" means).
 */
export class KnownHostsStore {
  private readonly file: VersionedJsonFile<KnownHostsDocument>;

  constructor(options: { dataDir: string; now?: () => Date }) {
    this.file = new VersionedJsonFile<KnownHostsDocument>({
      path: path.join(options.dataDir, 'known_hosts.json'),
      label: 'known hosts',
      version: 1,
      schema: documentSchema,
      migrations: {},
      empty: () => ({ version: 1, hosts: [] }),
    });
    this.now = options.now ?? (() => new Date());
  }

  private readonly now: () => Date;

  async list(request: unknown = {}): Promise<KnownHost[]> {
    parseRequest(knownHostsListRequestSchema, request, 'knownHosts.list');
    return (await this.file.read()).hosts.map(view);
  }

  async add(request: unknown): Promise<KnownHost> {
    const input = parseRequest(knownHostsAddRequestSchema, request, 'knownHosts.add');
    const blob = Buffer.from(input.key, 'base64');
    const blobType = keyTypeOfBlob(blob);
    if (blobType !== input.keyType) {
      throw new BurrowError('VALIDATION', `knownHosts.add: key: the key blob is a ${blobType ?? 'malformed'} key, not ${input.keyType}`, { field: 'key' });
    }
    return view(await this.put({ host: input.host, port: input.port, keyType: input.keyType, key: blob }));
  }

  async forget(request: unknown): Promise<{ removed: number }> {
    const { host, port, keyType } = parseRequest(knownHostsForgetRequestSchema, request, 'knownHosts.forget');
    const target = normaliseHost(host);
    return this.file.update((document) => {
      const hosts = document.hosts.filter((e) => !(e.host === target && e.port === port && (keyType === undefined || e.keyType === keyType)));
      const removed = document.hosts.length - hosts.length;
      if (removed === 0) throw new BurrowError('NOT_FOUND', `no trusted key for ${formatHost(target, port)}${keyType ? ` of type ${keyType}` : ''}`);
      return { document: { ...document, hosts }, result: { removed } };
    });
  }

  /** The store as a known_hosts file (`[host]:port` for ports other than 22). */
  async exportText(request: unknown = {}): Promise<{ text: string }> {
    parseRequest(knownHostsExportRequestSchema, request, 'knownHosts.export');
    const { hosts } = await this.file.read();
    const lines = hosts.map((e) => `${formatHost(e.host, e.port)} ${e.keyType} ${e.key}`);
    return { text: lines.length ? `${lines.join('\n')}\n` : '' };
  }

  // --- for the tunnel engine ---------------------------------------------------------------------

  async entries(): Promise<TrustedHostKey[]> {
    return (await this.file.read()).hosts.map((e) => ({ host: e.host, port: e.port, keyType: e.keyType, key: Buffer.from(e.key, 'base64') }));
  }

  async remember(entry: TrustedHostKey): Promise<void> {
    await this.put(entry);
  }

  private put(entry: TrustedHostKey): Promise<Entry> {
    const record: Entry = {
      host: normaliseHost(entry.host),
      port: entry.port,
      keyType: entry.keyType,
      key: entry.key.toString('base64'),
      addedAt: this.now().toISOString(),
    };
    return this.file.update((document) => {
      const existing = document.hosts.find((e) => e.host === record.host && e.port === record.port && e.keyType === record.keyType);
      if (existing?.key === record.key) return { document, result: existing };
      const hosts = document.hosts.filter((e) => e !== existing);
      return { document: { ...document, hosts: [...hosts, record] }, result: record };
    });
  }
}

function view(entry: Entry): KnownHost {
  return { ...entry, fingerprint: `SHA256:${createHash('sha256').update(Buffer.from(entry.key, 'base64')).digest('base64').replace(/=+$/, '')}` };
}

function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

export function formatHost(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function keyTypeOfBlob(blob: Buffer): string | null {
  if (blob.length < 4) return null;
  const length = blob.readUInt32BE(0);
  if (length === 0 || length > 64 || length > blob.length - 4) return null;
  return blob.subarray(4, 4 + length).toString('latin1');
}
