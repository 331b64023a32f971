import { z } from 'zod';
import { hostSchema, portSchema, routeSchema, secretPolicySchema } from './route';

/**
 * Saved connection profiles. A profile never carries a secret: the database password and hop
 * passwords live in the vault, and a profile only reports whether one is stored (`hasPassword`,
 * `hopsWithPassword`). Requests may carry write-only secrets (`password`, `hopPasswords`), which
 * the store moves into the vault and never echoes back.
 */
export const engineSchema = z.enum(['postgres', 'mysql', 'mariadb', 'sqlserver', 'sqlite'], {
  error: 'engine must be one of postgres, mysql, mariadb, sqlserver, sqlite',
});
export type Engine = z.infer<typeof engineSchema>;

export const defaultPorts: Record<Exclude<Engine, 'sqlite'>, number> = {
  postgres: 5432,
  mysql: 3306,
  mariadb: 3306,
  sqlserver: 1433,
};

export const environmentSchema = z.enum(['local', 'development', 'testing', 'staging', 'production']);
export type Environment = z.infer<typeof environmentSchema>;

/** silent; confirm every statement; confirm statements that write; require the password for writes. */
export const safeModeSchema = z.enum(['silent', 'confirmAll', 'confirmWrites', 'passwordForWrites']);
export type SafeMode = z.infer<typeof safeModeSchema>;

export const colourSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'colour must be a #rrggbb hex colour')
  .transform((c) => c.toLowerCase());

const groupNameSchema = z
  .string()
  .trim()
  .min(1, 'a group name must not be empty')
  .max(100, 'a group name is at most 100 characters');

/** A nestable group as its path from the root: `['Clients', 'Acme']`. Empty means top level. */
export const groupPathSchema = z.array(groupNameSchema).max(8, 'groups nest at most 8 deep');
export type GroupPath = z.infer<typeof groupPathSchema>;

export const tlsModeSchema = z.enum(['disable', 'prefer', 'require', 'verify-ca', 'verify-full']);
export type TlsMode = z.infer<typeof tlsModeSchema>;

/** A PEM file on the user's disk (read at connect time, on the machine running Burrow). */
export const fileRefSchema = z.object({
  path: z.string().trim().min(1, 'path is required').max(4096, 'path is longer than 4096 characters'),
});
export type FileRef = z.infer<typeof fileRefSchema>;

export const tlsSchema = z.object({
  mode: tlsModeSchema.default('prefer'),
  ca: fileRefSchema.optional(),
  clientCert: fileRefSchema.optional(),
  clientKey: fileRefSchema.optional(),
  /** Name checked against the certificate instead of `host` (useful when host is an IP behind a tunnel). */
  serverName: z.string().trim().min(1).max(255).optional(),
});
export type TlsSettings = z.infer<typeof tlsSchema>;

export const profileNameSchema = z
  .string()
  .trim()
  .min(1, 'name is required')
  .max(200, 'name is at most 200 characters');

const idSchema = z.string().min(1).max(64);
const timestampSchema = z.iso.datetime({ offset: true });

/** The editable fields, without cross-field rules (see `checkProfileFields`). */
const profileFieldsShape = {
  name: profileNameSchema,
  group: groupPathSchema.default([]),
  colour: colourSchema.nullable().default(null),
  environment: environmentSchema.default('development'),
  safeMode: safeModeSchema.default('silent'),
  engine: engineSchema,
  /** Host as seen from the last SSH hop (or from this machine when the route is direct). Empty for sqlite. */
  host: z.string().trim().max(255).default(''),
  /** Absent means the engine's default port. */
  port: portSchema.nullable().default(null),
  /** Database name; for sqlite, the database file path. */
  database: z.string().max(4096).default(''),
  user: z.string().max(512).default(''),
  passwordPolicy: secretPolicySchema.default('keychain'),
  tls: tlsSchema.default({ mode: 'prefer' }),
  ssh: routeSchema.default({ hops: [], keepalive: { intervalSeconds: 15, countMax: 3 }, connectTimeoutSeconds: 20 }),
  startupSql: z.string().max(65_536, 'startup SQL is at most 64 KB').default(''),
  /**
   * The server refuses writes on every login: PostgreSQL's default_transaction_read_only, MySQL's
   * SESSION TRANSACTION READ ONLY, SQLite's read-only open. A guard against accidents, not a grant.
   */
  readOnly: z.boolean().default(false),
  defaultRowLimit: z
    .number({ error: 'defaultRowLimit must be a number' })
    .int('defaultRowLimit must be a whole number')
    .min(1, 'defaultRowLimit must be between 1 and 1000000')
    .max(1_000_000, 'defaultRowLimit must be between 1 and 1000000')
    .default(1000),
};

type FieldsForCheck = { engine: Engine; host: string; database: string; ssh: z.infer<typeof routeSchema>; readOnly?: boolean };

/** Rules that span fields; issues carry the field's path so VALIDATION names it. */
export function checkProfileFields(value: FieldsForCheck, ctx: z.RefinementCtx): void {
  if (value.engine === 'sqlite') {
    if (value.database.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['database'], message: 'database file path is required for sqlite' });
    }
    if (value.ssh.hops.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['ssh', 'hops'], message: 'sqlite databases are local files: remove the SSH hops' });
    }
  } else {
    const host = hostSchema.safeParse(value.host);
    if (!host.success) {
      ctx.addIssue({ code: 'custom', path: ['host'], message: host.error.issues[0]?.message ?? 'host is invalid' });
    }
  }
  if (value.readOnly && value.engine === 'sqlserver') {
    ctx.addIssue({ code: 'custom', path: ['readOnly'], message: 'SQL Server has no read-only mode for a session: log in as a user with read-only rights instead' });
  }
  const hopIds = new Set<string>();
  value.ssh.hops.forEach((hop, index) => {
    if (hopIds.has(hop.id)) {
      ctx.addIssue({ code: 'custom', path: ['ssh', 'hops', index, 'id'], message: `hop id ${hop.id} is used twice` });
    }
    hopIds.add(hop.id);
  });
}

const profileBaseSchema = z.object({
  id: idSchema,
  ...profileFieldsShape,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

/** A profile as written in the profiles file (no secret flags: those come from the vault). */
export const storedProfileSchema = profileBaseSchema.superRefine(checkProfileFields);
export type StoredProfile = z.infer<typeof storedProfileSchema>;

/** A stored profile, as every caller outside the store sees it. */
export const profileSchema = profileBaseSchema
  .extend({
    /** A database password is stored in the vault. */
    hasPassword: z.boolean(),
    /** Hop ids that have a stored SSH password. */
    hopsWithPassword: z.array(z.string()),
  })
  .superRefine(checkProfileFields);
export type Profile = z.infer<typeof profileSchema>;

const secretSchema = z.string().max(4096, 'a password is at most 4096 characters');

/**
 * `profiles.save`: creates when `id` is absent (or unknown), updates otherwise. `password` and
 * `hopPasswords` are write-only and stored only under the keychain policy; `clearPassword` forgets
 * the stored one. Hop passwords are keyed by hop id; an empty string forgets one.
 */
export const profileDraftSchema = z
  .object({
    id: idSchema.optional(),
    ...profileFieldsShape,
    password: secretSchema.optional(),
    clearPassword: z.boolean().default(false),
    hopPasswords: z.record(z.string().min(1).max(64), secretSchema).default({}),
  })
  .strict()
  .superRefine(checkProfileFields);
export type ProfileDraft = z.input<typeof profileDraftSchema>;
export type ParsedProfileDraft = z.output<typeof profileDraftSchema>;

export const profileIdRequestSchema = z.object({ id: idSchema }).strict();

export const profilesListRequestSchema = z.object({}).strict();
export const profilesGetRequestSchema = profileIdRequestSchema;
export const profilesSaveRequestSchema = profileDraftSchema;
export const profilesDuplicateRequestSchema = z
  .object({ id: idSchema, name: profileNameSchema.optional() })
  .strict();
export const profilesDeleteRequestSchema = profileIdRequestSchema;

/** Drag and drop: put profile `id` into `group` at `index` among that group's profiles. */
export const profilesMoveRequestSchema = z
  .object({ id: idSchema, group: groupPathSchema, index: z.number().int().min(0) })
  .strict();

/** Renames or moves a whole group (and its subgroups): every profile under `from` moves under `to`. */
export const profilesRegroupRequestSchema = z
  .object({ from: groupPathSchema.min(1, 'choose a group'), to: groupPathSchema })
  .strict();

/** Recovery after STORE_CORRUPT: restore the last good copy, or start empty (the bad file stays aside). */
export const profilesRecoverRequestSchema = z
  .object({ source: z.enum(['lastGood', 'empty']) })
  .strict();

export const storeNoticeSchema = z.object({
  code: z.enum(['KEYCHAIN_UNAVAILABLE', 'VAULT_KEY_MISMATCH', 'STORE_CORRUPT']),
  message: z.string(),
});
export type StoreNotice = z.infer<typeof storeNoticeSchema>;

export const profileSaveResultSchema = z.object({
  profile: profileSchema,
  /** Secrets that could not be stored (no keychain): the profile falls back to asking. */
  notices: z.array(storeNoticeSchema),
});
export type ProfileSaveResult = z.infer<typeof profileSaveResultSchema>;
