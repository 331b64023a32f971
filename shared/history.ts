import { z } from 'zod';

const profileIdSchema = z.string().min(1).max(64);

/** A run the user started: the SQL as sent (a selection, if that is what ran), for one connection profile. */
export const historyEntrySchema = z.object({
  id: z.string(),
  profileId: z.string(),
  sql: z.string(),
  ranAt: z.string(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** Newest first; `search` matches SQL text without regard to case. */
export const historyListRequestSchema = z
  .object({
    profileId: profileIdSchema.optional(),
    search: z.string().max(1000, 'search is at most 1000 characters').optional(),
    limit: z.number().int().min(1).max(1000, 'limit is at most 1000').default(200),
  })
  .strict();

/** Forgets one profile's history, or all of it. */
export const historyClearRequestSchema = z.object({ profileId: profileIdSchema.optional() }).strict();
