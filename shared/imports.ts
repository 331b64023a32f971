import { z } from 'zod';
import { engineSchema, groupPathSchema, profileNameSchema, tlsSchema } from './profile';
import { routeSchema } from './route';

/** Connection URLs, ~/.ssh/config, and profile bundles (JSON, never with secrets). */

const urlSchema = z.string().trim().min(1, 'url is required').max(8192, 'url is longer than 8192 characters');

export const importsParseUrlRequestSchema = z.object({ url: urlSchema }).strict();
export const importsSaveUrlRequestSchema = z
  .object({ url: urlSchema, name: profileNameSchema.optional(), group: groupPathSchema.default([]) })
  .strict();
export const importsProfileUrlRequestSchema = z.object({ id: z.string().min(1).max(64) }).strict();

/** What a URL describes, ready to prefill the connection form. The password is never echoed. */
export const parsedUrlSchema = z.object({
  draft: z.object({
    name: z.string(),
    engine: engineSchema,
    host: z.string(),
    port: z.number().int().nullable(),
    database: z.string(),
    user: z.string(),
    tls: tlsSchema,
  }),
  passwordInUrl: z.boolean(),
  ignoredParameters: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type ParsedUrl = z.infer<typeof parsedUrlSchema>;

export const importsSshConfigRequestSchema = z
  .object({
    /** Defaults to ~/.ssh/config. */
    path: z.string().trim().min(1).max(4096).optional(),
  })
  .strict();

export const sshConfigIdentitySchema = z.object({
  path: z.string(),
  exists: z.boolean(),
  /** A stored key with the same public key, when there is one. */
  keyId: z.string().nullable(),
  /** Can be offered for import (exists, is a private key, not yet stored). */
  importable: z.boolean(),
  problem: z.string().nullable(),
});

export const sshConfigUnhonouredSchema = z.object({ keyword: z.string(), value: z.string(), file: z.string(), line: z.number().int() });

export const sshConfigHostSchema = z.object({
  alias: z.string(),
  hostName: z.string(),
  port: z.number().int(),
  user: z.string(),
  /** The hops to reach this host: ProxyJump chain first, the host itself last. Null when it cannot be built. */
  route: routeSchema.nullable(),
  /** IdentityFiles of every hop, for "import these keys". */
  identityFiles: z.array(sshConfigIdentitySchema),
  unhonoured: z.array(sshConfigUnhonouredSchema),
  error: z.string().nullable(),
});
export type SshConfigHost = z.infer<typeof sshConfigHostSchema>;

export const sshConfigImportResultSchema = z.object({
  files: z.array(z.string()),
  hosts: z.array(sshConfigHostSchema),
  /** Match blocks are not evaluated; their lines are listed so nothing is dropped silently. */
  skippedMatchLines: z.array(sshConfigUnhonouredSchema),
});
export type SshConfigImportResult = z.infer<typeof sshConfigImportResultSchema>;

export const MAX_BUNDLE_BYTES = 10 * 1024 * 1024;

export const importsExportBundleRequestSchema = z
  .object({ ids: z.array(z.string().min(1).max(64)).max(10_000).optional() })
  .strict();
export const bundleTextSchema = z
  .string()
  .min(1, 'json is required')
  .max(MAX_BUNDLE_BYTES, 'a profile bundle is at most 10 MB');
export const importsPreviewBundleRequestSchema = z.object({ json: bundleTextSchema }).strict();
export const bundleConflictPolicySchema = z.enum(['keepBoth', 'replace']);
export const importsImportBundleRequestSchema = z
  .object({ json: bundleTextSchema, onConflict: bundleConflictPolicySchema.default('keepBoth') })
  .strict();

export const bundlePreviewSchema = z.object({
  profiles: z.array(z.object({ id: z.string(), name: z.string(), conflictsWith: z.string().nullable() })),
  /** Keys the bundle's profiles use that are not stored here (by fingerprint). */
  missingKeys: z.array(z.object({ name: z.string(), fingerprint: z.string() })),
});
export type BundlePreview = z.infer<typeof bundlePreviewSchema>;

export const bundleImportResultSchema = z.object({
  added: z.number().int(),
  replaced: z.number().int(),
  renamed: z.number().int(),
  missingKeys: z.array(z.object({ name: z.string(), fingerprint: z.string() })),
});
export type BundleImportResult = z.infer<typeof bundleImportResultSchema>;

/** Export to a file the user picks in the host's save dialog; `path` null when they cancelled. */
export const importsSaveBundleFileRequestSchema = importsExportBundleRequestSchema;
export const bundleFileSavedSchema = z.object({ path: z.string().nullable(), count: z.number().int() });

/** A connections file the user picks in the host's open dialog, read for preview and import; nulls when they cancelled. */
export const importsOpenBundleFileRequestSchema = z.object({}).strict();
export const bundleFileOpenedSchema = z.object({ path: z.string().nullable(), json: z.string().nullable() });
