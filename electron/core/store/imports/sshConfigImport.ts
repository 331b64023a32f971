import { randomUUID } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { BurrowError } from '../../../../shared/errors';
import type { SshConfigHost, SshConfigImportResult } from '../../../../shared/imports';
import type { Hop, HopAuth, Route } from '../../../../shared/route';
import { inspectKeyFile } from '../keys/keyDecoder';
import { loadSshConfig, type ConfigFile } from './sshConfigFiles';
import { concreteAliases, resolveHost, type HostSettings, type ResolveContext } from './sshConfigResolver';

export interface SshConfigImportOptions {
  configPath: string;
  home: string;
  localUser: string;
  checkPermissions: boolean;
  /** Finds a stored key by public key blob. */
  findKey(publicBlob: Buffer): Promise<{ id: string } | null>;
  newId?: () => string;
}

/** OpenSSH tries these when a host names no IdentityFile. */
const DEFAULT_IDENTITIES = ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk'];
const MAX_HOPS = 10;

type Identity = SshConfigHost['identityFiles'][number];

/** Every concrete Host alias of an ssh config, with the route Burrow would use to reach it. */
export async function importSshConfig(options: SshConfigImportOptions): Promise<SshConfigImportResult> {
  const sshDir = path.join(options.home, '.ssh');
  const { root, files } = await loadSshConfig(options.configPath, { home: options.home, sshDir, checkPermissions: options.checkPermissions });
  const context: ResolveContext = { home: options.home, localUser: options.localUser };
  const identityCache = new Map<string, Promise<Identity>>();
  const identity = (file: string): Promise<Identity> => {
    if (!identityCache.has(file)) identityCache.set(file, describeIdentity(file, options.findKey));
    return identityCache.get(file)!;
  };
  const newId = options.newId ?? randomUUID;

  const hosts: SshConfigHost[] = [];
  const skipped = new Map<string, SshConfigImportResult['skippedMatchLines'][number]>();
  for (const alias of concreteAliases(root)) {
    const settings = resolveHost(root, alias, context);
    for (const line of settings.skippedMatchLines) skipped.set(`${line.file}:${line.line}`, line);
    try {
      const chain = resolveChain(root, alias, null, context, []);
      const identities: Identity[] = [];
      const hops: Hop[] = [];
      for (const link of chain) {
        const files = link.settings.identityFiles.length > 0 ? link.settings.identityFiles : DEFAULT_IDENTITIES.map((name) => path.join(sshDir, name));
        const found = await Promise.all(files.map(identity));
        // Default identities are only worth listing when they exist.
        const relevant = link.settings.identityFiles.length > 0 ? found : found.filter((f) => f.exists);
        for (const f of relevant) if (!identities.some((i) => i.path === f.path)) identities.push(f);
        hops.push({
          id: newId(),
          name: link.settings.alias,
          host: link.settings.hostName,
          port: link.port,
          username: link.user,
          auth: authFor(link.settings, relevant),
        });
      }
      const route: Route = {
        hops,
        keepalive: {
          intervalSeconds: Math.min(settings.serverAliveInterval ?? 15, 3600),
          countMax: Math.min(Math.max(settings.serverAliveCountMax ?? 3, 1), 100),
        },
        connectTimeoutSeconds: Math.min(Math.max(settings.connectTimeout ?? 20, 1), 300),
      };
      const target = chain[chain.length - 1]!;
      hosts.push({
        alias,
        hostName: target.settings.hostName,
        port: target.port,
        user: target.user,
        route,
        identityFiles: identities,
        unhonoured: mergeUnhonoured(chain.map((c) => c.settings)),
        error: null,
      });
    } catch (error) {
      if (!(error instanceof BurrowError)) throw error;
      hosts.push({
        alias,
        hostName: settings.hostName,
        port: settings.port ?? 22,
        user: settings.user ?? options.localUser,
        route: null,
        identityFiles: [],
        unhonoured: settings.unhonoured,
        error: error.message,
      });
    }
  }
  return { files, hosts, skippedMatchLines: [...skipped.values()] };
}

interface ChainLink {
  settings: HostSettings;
  port: number;
  user: string;
}

/**
 * ProxyJump the way ssh runs it: `ProxyJump a,b` for host t means "reach b through a, then t
 * through b"; the first jump host is itself reached with its own config (which may jump again),
 * while later ones are reached through the earlier ones.
 */
function resolveChain(root: ConfigFile, spec: string, jumpOverride: string[] | null, context: ResolveContext, visiting: string[]): ChainLink[] {
  const { alias, user: specUser, port: specPort } = parseJumpSpec(spec);
  if (visiting.includes(alias)) {
    throw new BurrowError('VALIDATION', `ProxyJump loop: ${[...visiting, alias].join(' → ')}`, { field: 'path' });
  }
  const settings = resolveHost(root, alias, context);
  const link: ChainLink = { settings, port: specPort ?? settings.port ?? 22, user: specUser ?? settings.user ?? context.localUser };
  const jumps = jumpOverride ?? (settings.proxyJump && settings.proxyJump.toLowerCase() !== 'none' ? settings.proxyJump.split(',').map((j) => j.trim()).filter(Boolean) : []);
  if (jumps.length === 0) return [link];
  const last = jumps[jumps.length - 1]!;
  const before = jumps.slice(0, -1);
  const chain = [...resolveChain(root, last, before.length > 0 ? before : null, context, [...visiting, alias]), link];
  if (chain.length > MAX_HOPS) throw new BurrowError('VALIDATION', `${alias} needs ${chain.length} hops; Burrow supports at most ${MAX_HOPS}`, { field: 'path' });
  return chain;
}

/** `[user@]host[:port]` or `ssh://[user@]host[:port]`. */
function parseJumpSpec(spec: string): { alias: string; user: string | null; port: number | null } {
  let rest = spec.replace(/^ssh:\/\//, '');
  let user: string | null = null;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
  }
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (v6) return { alias: v6[1]!, user, port: v6[2] ? Number(v6[2]) : null };
  const portMatch = /^(.*):(\d+)$/.exec(rest);
  return portMatch ? { alias: portMatch[1]!, user, port: Number(portMatch[2]) } : { alias: rest, user, port: null };
}

/** Stored keys first (in IdentityFile order), then the agent unless IdentitiesOnly, then interactive methods. */
function authFor(settings: HostSettings, identities: Identity[]): HopAuth[] {
  const auth: HopAuth[] = [];
  for (const identity of identities) if (identity.keyId) auth.push({ type: 'publickey', keyId: identity.keyId });
  if (!settings.identitiesOnly || auth.length === 0) {
    auth.push(settings.identityAgent && settings.identityAgent.toLowerCase() !== 'none' ? { type: 'agent', socket: settings.identityAgent } : { type: 'agent' });
  }
  auth.push({ type: 'keyboard-interactive' }, { type: 'password', policy: 'ask' });
  return auth.slice(0, 8);
}

async function describeIdentity(file: string, findKey: SshConfigImportOptions['findKey']): Promise<Identity> {
  try {
    await access(file);
  } catch {
    return { path: file, exists: false, keyId: null, importable: false, problem: 'the file does not exist' };
  }
  let publicBlob: Buffer | null = null;
  let problem: string | null = null;
  try {
    publicBlob = inspectKeyFile(await readFile(file)).publicBlob;
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  if (!publicBlob) {
    try {
      const [, blob] = (await readFile(`${file}.pub`, 'utf8')).trim().split(/\s+/);
      if (blob) publicBlob = Buffer.from(blob, 'base64');
    } catch {
      // no .pub beside it: the key can still be imported, just not matched
    }
  }
  const stored = publicBlob ? await findKey(publicBlob) : null;
  return { path: file, exists: true, keyId: stored?.id ?? null, importable: stored === null && problem === null, problem };
}

function mergeUnhonoured(all: HostSettings[]): HostSettings['unhonoured'] {
  const seen = new Set<string>();
  return all
    .flatMap((s) => s.unhonoured)
    .filter((u) => {
      const key = `${u.file}:${u.line}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
