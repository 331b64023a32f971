import { z } from 'zod';
import { BurrowError } from '../../../../shared/errors';
import type { BundleImportResult, BundlePreview } from '../../../../shared/imports';
import { storedProfileSchema, type StoredProfile } from '../../../../shared/profile';

/**
 * A profile bundle: profiles as stored (which never hold secrets) plus the names and fingerprints
 * of the keys they use, so the keys can be matched on the importing machine.
 */
const BUNDLE_FORMAT = 'burrow-profiles';
const BUNDLE_VERSION = 2;

const bundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  exportedAt: z.string(),
  profiles: z.array(storedProfileSchema),
  keys: z.array(z.object({ id: z.string(), name: z.string(), fingerprint: z.string() })),
});
type Bundle = z.infer<typeof bundleSchema>;

export interface BundleKey {
  id: string;
  name: string;
  fingerprint: string;
}

export function buildBundle(profiles: StoredProfile[], keys: BundleKey[], exportedAt: Date): string {
  const used = new Set(profiles.flatMap(keyIdsOf));
  const bundle: Bundle = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: exportedAt.toISOString(),
    profiles,
    keys: keys.filter((k) => used.has(k.id)),
  };
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

export function readBundle(json: string): Bundle {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new BurrowError('VALIDATION', `json: not valid JSON (${(error as Error).message})`, { field: 'json' });
  }
  if (raw && typeof raw === 'object' && (raw as { format?: unknown }).format !== BUNDLE_FORMAT) {
    throw new BurrowError('VALIDATION', 'json: this is not a Burrow profile bundle', { field: 'json' });
  }
  const parsed = bundleSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = `json.${issue?.path.join('.') ?? ''}`;
    throw new BurrowError('VALIDATION', `${field}: ${issue?.message ?? 'invalid bundle'}`, { field });
  }
  return parsed.data;
}

export interface PlannedImport {
  profiles: StoredProfile[];
  result: BundleImportResult;
  preview: BundlePreview;
}

/**
 * Decides what importing does. Conflicts are profiles whose id exists here: `replace` overwrites
 * them, `keepBoth` adds the incoming one under a new id and a "(imported)" name. Hop ids are always
 * new (hop secrets are keyed by hop id and never travel), and key ids are mapped by fingerprint.
 */
export function planImport(
  bundle: Bundle,
  existing: StoredProfile[],
  localKeys: BundleKey[],
  policy: 'keepBoth' | 'replace',
  newId: () => string,
  now: Date,
): PlannedImport {
  const byFingerprint = new Map(localKeys.map((k) => [k.fingerprint, k.id]));
  const keyMap = new Map<string, string>();
  const missing = new Map<string, { name: string; fingerprint: string }>();
  for (const key of bundle.keys) {
    const local = byFingerprint.get(key.fingerprint);
    if (local) keyMap.set(key.id, local);
  }
  const existingIds = new Map(existing.map((p) => [p.id, p]));
  const names = new Set(existing.map((p) => p.name));
  let added = 0;
  let replaced = 0;
  let renamed = 0;
  const preview: BundlePreview = { profiles: [], missingKeys: [] };
  const profiles = bundle.profiles.map((incoming) => {
    const conflict = existingIds.get(incoming.id) ?? null;
    preview.profiles.push({ id: incoming.id, name: incoming.name, conflictsWith: conflict?.name ?? null });
    const profile: StoredProfile = structuredClone(incoming);
    profile.updatedAt = now.toISOString();
    profile.ssh.hops = profile.ssh.hops.map((hop) => ({
      ...hop,
      id: newId(),
      auth: hop.auth.map((method) => {
        if ((method.type === 'publickey' || method.type === 'agent') && method.keyId) {
          const mapped = keyMap.get(method.keyId);
          if (mapped) return { ...method, keyId: mapped };
          const declared = bundle.keys.find((k) => k.id === method.keyId);
          missing.set(method.keyId, { name: declared?.name ?? method.keyId, fingerprint: declared?.fingerprint ?? 'unknown' });
        }
        return method;
      }),
    }));
    if (!conflict) {
      added += 1;
    } else if (policy === 'replace') {
      replaced += 1;
      profile.createdAt = conflict.createdAt;
    } else {
      renamed += 1;
      profile.id = newId();
      profile.name = uniqueName(names, `${incoming.name} (imported)`);
      profile.createdAt = now.toISOString();
    }
    names.add(profile.name);
    return profile;
  });
  preview.missingKeys = [...missing.values()];
  return { profiles, preview, result: { added, replaced, renamed, missingKeys: preview.missingKeys } };
}

function keyIdsOf(profile: StoredProfile): string[] {
  return profile.ssh.hops.flatMap((hop) => hop.auth.flatMap((m) => ((m.type === 'publickey' || m.type === 'agent') && m.keyId ? [m.keyId] : [])));
}

function uniqueName(names: Set<string>, base: string): string {
  if (!names.has(base)) return base.slice(0, 200);
  for (let n = 2; ; n += 1) if (!names.has(`${base} ${n}`)) return `${base} ${n}`.slice(0, 200);
}
