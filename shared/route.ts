import { z } from 'zod';

/**
 * An SSH route: ordered hops, hop N+1 reached through a direct-tcpip channel of hop N, and the
 * database reached through the last hop. Secrets are never part of a route: passwords and key
 * passphrases live in the vault, keyed by hop id or key id, and the route only says which auth
 * methods to try, in order.
 */
export const secretPolicySchema = z.enum(['keychain', 'ask', 'none']);
export type SecretPolicy = z.infer<typeof secretPolicySchema>;

export const hopAuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('password'), policy: secretPolicySchema.default('keychain') }),
  z.object({ type: z.literal('publickey'), keyId: z.string().min(1, 'choose a key') }),
  z.object({
    type: z.literal('agent'),
    /** Agent socket or pipe; absent means $SSH_AUTH_SOCK (or Pageant / the OpenSSH pipe on Windows). */
    socket: z.string().max(4096).optional(),
    /** When set, only this key's identity is offered (IdentitiesOnly). */
    keyId: z.string().min(1).optional(),
  }),
  z.object({ type: z.literal('keyboard-interactive') }),
  z.object({ type: z.literal('none') }),
]);
export type HopAuth = z.infer<typeof hopAuthSchema>;

export const hostSchema = z
  .string()
  .trim()
  .min(1, 'host is required')
  .max(255, 'host is longer than 255 characters')
  .refine((h) => !/[\s/\\]/.test(h), 'host must not contain spaces or slashes');

export const portSchema = z
  .number({ error: 'port must be a number' })
  .int('port must be a whole number')
  .min(1, 'port must be between 1 and 65535')
  .max(65535, 'port must be between 1 and 65535');

export const hopSchema = z.object({
  id: z.string().min(1).max(64),
  /** Optional label shown in errors and the UI ("bastion"). */
  name: z.string().max(100).optional(),
  host: hostSchema,
  port: portSchema.default(22),
  /** Passed to the server untouched, including bastion forms such as `alice%bastion%db@10.1.2.3`. */
  username: z.string().min(1, 'username is required').max(512),
  auth: z.array(hopAuthSchema).min(1, 'choose at least one auth method').max(8),
  /** Keep ssh2's protocol trace of this hop (redacted) for the session's SSH log. */
  debugLog: z.boolean().optional(),
});
export type Hop = z.infer<typeof hopSchema>;

export const keepaliveSchema = z.object({
  intervalSeconds: z.number().int().min(0).max(3600).default(15),
  countMax: z.number().int().min(1).max(100).default(3),
});

export const routeSchema = z.object({
  hops: z.array(hopSchema).max(10, 'a route has at most 10 hops'),
  keepalive: keepaliveSchema.default({ intervalSeconds: 15, countMax: 3 }),
  /** Per-hop connect timeout (TCP + handshake), not counting time spent waiting on the user. */
  connectTimeoutSeconds: z.number().int().min(1).max(300).default(20),
});
export type Route = z.infer<typeof routeSchema>;
