import { z } from 'zod';

const idSchema = z.string().min(1).max(64);

/** One client session of the database server, as its activity view lists it. */
export const serverProcessSchema = z.object({
  id: z.string(),
  user: z.string().nullable(),
  database: z.string().nullable(),
  /** Where it connects from (host or address; "local" for a socket). */
  client: z.string().nullable(),
  /** The server's word for what it does: active, idle, idle in transaction, Query, Sleep… */
  state: z.string().nullable(),
  /** How long its current statement has run, when it runs one. */
  runningMs: z.number().nullable(),
  /** Its current (or, where the server keeps it, last) statement, cut at 4,000 characters. */
  query: z.string().nullable(),
  /** The connection the session's query tabs use. */
  own: z.boolean(),
});
export type ServerProcess = z.infer<typeof serverProcessSchema>;

/** The server's other client sessions, seen from a connection of the session's own (never its tabs' one). */
export const serverProcessesRequestSchema = z.object({ connectionId: idSchema }).strict();
export const serverProcessesSchema = z.object({
  processes: z.array(serverProcessSchema),
  /** SQL Server ends a statement only by ending its session. */
  canEndQueryOnly: z.boolean(),
});

/** Ends a process's running statement (`query`) or the whole session (`connection`). */
export const serverKillRequestSchema = z
  .object({
    connectionId: idSchema,
    processId: z.string().regex(/^\d{1,12}$/, 'a process id is a whole number'),
    scope: z.enum(['query', 'connection']),
  })
  .strict();
export const serverKillResultSchema = z.object({
  /** False when the server had nothing to end (the process was gone, or not the user's to end). */
  ended: z.boolean(),
});
