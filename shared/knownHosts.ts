import { z } from 'zod';
import { hostSchema, portSchema } from './route';

/** Host keys the user told Burrow to trust, kept apart from ~/.ssh/known_hosts (which Burrow only reads). */
export const knownHostSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  /** ssh algorithm name of the key: ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa, ... */
  keyType: z.string(),
  /** The public key blob, base64. */
  key: z.string(),
  fingerprint: z.string(),
  addedAt: z.string(),
});
export type KnownHost = z.infer<typeof knownHostSchema>;

const keyTypeNameSchema = z
  .string()
  .min(1, 'keyType is required')
  .max(64)
  .regex(/^[a-z0-9@.+-]+$/i, 'keyType is not an ssh key algorithm name');

export const knownHostsListRequestSchema = z.object({}).strict();

export const knownHostsAddRequestSchema = z
  .object({
    host: hostSchema,
    port: portSchema.default(22),
    keyType: keyTypeNameSchema,
    key: z
      .string()
      .min(1, 'key is required')
      .max(16_384)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'key must be a base64 public key blob'),
  })
  .strict();

/** Forgets every key of host:port, or only the one of `keyType`. */
export const knownHostsForgetRequestSchema = z
  .object({ host: hostSchema, port: portSchema.default(22), keyType: keyTypeNameSchema.optional() })
  .strict();

export const knownHostsExportRequestSchema = z.object({}).strict();
export const knownHostsExportResultSchema = z.object({ text: z.string() });
