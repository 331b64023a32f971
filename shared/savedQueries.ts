import { z } from 'zod';

const idSchema = z.string().min(1).max(64);

export const MAX_SAVED_QUERIES = 1000;
export const MAX_SAVED_QUERY_CHARS = 1_000_000;

const nameSchema = z.string().trim().min(1, 'name is required').max(200, 'name is at most 200 characters');
const sqlSchema = z.string().max(MAX_SAVED_QUERY_CHARS, `a saved query holds at most ${MAX_SAVED_QUERY_CHARS} characters`)
  .refine((sql) => sql.trim().length > 0, 'there is no SQL to save');

/** A query the user saved by name, for one connection profile or (profileId null) for every connection. */
export const savedQuerySchema = z.object({
  id: z.string(),
  profileId: z.string().nullable(),
  name: z.string(),
  sql: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedQuery = z.infer<typeof savedQuerySchema>;

/** The profile's saved queries and those for every connection, by name; `search` matches name or SQL without regard to case. */
export const savedQueriesListRequestSchema = z
  .object({
    profileId: idSchema.optional(),
    search: z.string().max(1000, 'search is at most 1000 characters').optional(),
  })
  .strict();

/**
 * Without `id`: saves a new query, which needs a name and a scope (`profileId`, or null for every
 * connection). With `id`: replaces that query's SQL, and its name or scope where given.
 */
export const savedQueriesSaveRequestSchema = z
  .object({
    id: idSchema.optional(),
    profileId: idSchema.nullable().optional(),
    name: nameSchema.optional(),
    sql: sqlSchema,
  })
  .strict()
  .refine((request) => request.id !== undefined || request.name !== undefined, { message: 'name is required', path: ['name'] })
  .refine((request) => request.id !== undefined || request.profileId !== undefined, { message: 'choose which connections the query is for', path: ['profileId'] });

export const savedQueriesDeleteRequestSchema = z.object({ id: idSchema }).strict();
