import { z } from 'zod';
import { engineSchema } from './profile';

/** A live connection of a saved profile: its SSH route (if any) and a database login. */
export const sessionStateSchema = z.enum(['connecting', 'ready', 'reconnecting', 'failed', 'closed']);
export type SessionState = z.infer<typeof sessionStateSchema>;

const errorShape = z.object({ code: z.string(), message: z.string(), detail: z.record(z.string(), z.unknown()).optional() });

export const sessionInfoSchema = z.object({
  sessionId: z.string(),
  profileId: z.string(),
  profileName: z.string(),
  engine: engineSchema,
  serverVersion: z.string(),
  database: z.string(),
  tls: z.boolean(),
  /** Number of SSH hops; 0 for a direct or local connection. */
  hops: z.number().int(),
  state: sessionStateSchema,
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const sessionStateEventSchema = z.object({
  sessionId: z.string().nullable(),
  profileId: z.string(),
  state: sessionStateSchema,
  /** Which part is changing: the SSH route or the database login. */
  part: z.enum(['tunnel', 'database']),
  attempt: z.number().int().optional(),
  error: errorShape.optional(),
});
export type SessionStateEvent = z.infer<typeof sessionStateEventSchema>;

export const sessionsOpenRequestSchema = z
  .object({
    profileId: z.string().min(1).max(64),
    /** Another database on the profile's server (the schema tree's database switcher); not for SQLite. */
    database: z.string().min(1).max(255).optional(),
  })
  .strict();
export const sessionsCloseRequestSchema = z.object({ sessionId: z.string().min(1).max(64) }).strict();
export const sessionsListRequestSchema = z.object({}).strict();

export const sessionsDebugLogRequestSchema = z.object({ sessionId: z.string().min(1).max(64) }).strict();
/** Safe mode's "ask for the database password before changes": is this the password the session logged in with? */
export const sessionsCheckPasswordRequestSchema = z.object({ sessionId: z.string().min(1).max(64), password: z.string().max(4096) }).strict();
export const sessionsCheckPasswordResultSchema = z.object({ matches: z.boolean() });
/** The SSH log of each hop that keeps one (its `debugLog` is on), redacted. */
export const sessionDebugLogSchema = z.array(z.object({
  index: z.number().int().min(1),
  host: z.string(),
  port: z.number().int(),
  name: z.string().optional(),
  lines: z.array(z.string()),
}));
export type SessionDebugLog = z.infer<typeof sessionDebugLogSchema>;
