import { z } from 'zod';

/**
 * SSH private keys kept in the vault. Callers outside the main process see only public facts:
 * type, size, fingerprint, comment, the authorized_keys line, and which profiles use the key.
 */
export const keyTypeSchema = z.enum(['ed25519', 'ecdsa', 'rsa']);
export type KeyType = z.infer<typeof keyTypeSchema>;

/** The file format a key was imported from. */
export const keyFormatSchema = z.enum([
  'openssh',
  'pem-pkcs1',
  'pem-sec1',
  'pkcs8',
  'pkcs8-encrypted',
  'der',
  'ppk-v2',
  'ppk-v3',
  'generated',
]);
export type KeyFormat = z.infer<typeof keyFormatSchema>;

export const MAX_KEY_TEXT_BYTES = 256 * 1024;

const keyNameSchema = z.string().trim().min(1, 'name is required').max(100, 'name is at most 100 characters');
const passphraseSchema = z.string().min(1, 'passphrase must not be empty').max(1024, 'passphrase is at most 1024 characters');
const keyIdSchema = z.string().min(1).max(64);

/** Pasted key text: printable, and no bigger than any real private key. */
export const keyTextSchema = z
  .string()
  .min(1, 'paste a private key')
  .max(MAX_KEY_TEXT_BYTES, `a private key is at most ${MAX_KEY_TEXT_BYTES / 1024} KB; this text is larger`)
  // eslint-disable-next-line no-control-regex
  .refine((text) => !/[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/.test(text), 'this is binary data, not a key');

export const keySourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().trim().min(1, 'path is required').max(4096) }),
  z.object({ kind: z.literal('text'), text: keyTextSchema }),
]);
export type KeySource = z.infer<typeof keySourceSchema>;

export const keyInfoSchema = z.object({
  id: keyIdSchema,
  name: z.string(),
  type: keyTypeSchema,
  /** ssh algorithm name: ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa. */
  algorithm: z.string(),
  bits: z.number().int(),
  /** As OpenSSH prints it: `SHA256:<base64>`. */
  fingerprint: z.string(),
  comment: z.string(),
  /** The authorized_keys line. */
  publicKey: z.string(),
  format: keyFormatSchema,
  /** The key is stored protected by its passphrase, which is asked for at connect time unless remembered. */
  hasPassphrase: z.boolean(),
  passphraseRemembered: z.boolean(),
  createdAt: z.string(),
  usedBy: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type KeyInfo = z.infer<typeof keyInfoSchema>;

/** What a key file is, read without its passphrase. Public facts are present when the format exposes them. */
export const keyInspectionSchema = z.object({
  format: keyFormatSchema,
  encrypted: z.boolean(),
  /** e.g. "bcrypt", "Argon2id", "PBKDF2" when encrypted. */
  kdf: z.string().nullable(),
  type: keyTypeSchema.nullable(),
  bits: z.number().int().nullable(),
  fingerprint: z.string().nullable(),
  comment: z.string().nullable(),
  /** The id of a stored key with the same public key, if any. */
  existingKeyId: z.string().nullable(),
});
export type KeyInspection = z.infer<typeof keyInspectionSchema>;

export const keysListRequestSchema = z.object({}).strict();
export const keysInspectRequestSchema = z.object({ source: keySourceSchema }).strict();

export const keysImportRequestSchema = z
  .object({
    source: keySourceSchema,
    /** Defaults to the key's comment or file name. */
    name: keyNameSchema.optional(),
    passphrase: passphraseSchema.optional(),
    rememberPassphrase: z.boolean().default(false),
  })
  .strict();
export type KeysImportRequest = z.input<typeof keysImportRequestSchema>;

export const keysGenerateRequestSchema = z
  .object({
    name: keyNameSchema,
    type: keyTypeSchema.default('ed25519'),
    /** ecdsa: 256, 384 or 521; rsa: 3072 or 4096; ignored for ed25519. */
    bits: z.number().int().optional(),
    comment: z.string().max(1024).regex(/^[^\r\n]*$/, 'comment must be one line').default(''),
    passphrase: passphraseSchema.optional(),
    rememberPassphrase: z.boolean().default(false),
  })
  .strict()
  .superRefine((value, ctx) => {
    const allowed: Record<KeyType, number[] | null> = { ed25519: null, ecdsa: [256, 384, 521], rsa: [3072, 4096] };
    const sizes = allowed[value.type];
    if (sizes && value.bits !== undefined && !sizes.includes(value.bits)) {
      ctx.addIssue({ code: 'custom', path: ['bits'], message: `${value.type} keys are ${sizes.join(', ')} bits` });
    }
  });
export type KeysGenerateRequest = z.input<typeof keysGenerateRequestSchema>;

export const keysRenameRequestSchema = z.object({ id: keyIdSchema, name: keyNameSchema }).strict();
export const keysPublicKeyRequestSchema = z.object({ id: keyIdSchema }).strict();
export const keysDeleteRequestSchema = z
  .object({ id: keyIdSchema, /** Delete even though profiles use it. */ confirm: z.boolean().default(false) })
  .strict();

/** Remember (passphrase given and verified) or forget the passphrase of a stored key. */
export const keysSetPassphraseMemoryRequestSchema = z
  .object({ id: keyIdSchema, remember: z.boolean(), passphrase: passphraseSchema.optional() })
  .strict();

export const publicKeyLineSchema = z.object({ line: z.string() });
