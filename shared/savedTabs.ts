import { z } from 'zod';

const profileIdSchema = z.string().min(1).max(64);

/** Query tabs kept per connection profile, so reconnecting (or restarting) brings the editor text back. */
export const MAX_SAVED_TABS = 50;
export const MAX_SAVED_TAB_CHARS = 1_000_000;

export const savedTabSchema = z
  .object({
    title: z.string().min(1).max(200),
    sql: z.string().max(MAX_SAVED_TAB_CHARS, `a kept tab holds at most ${MAX_SAVED_TAB_CHARS} characters`),
    /** The profile's tab that was in front; it comes back in front. */
    active: z.literal(true).optional(),
    /** The saved query the tab was opened from or saved as: Save updates it. */
    savedQueryId: z.string().min(1).max(64).optional(),
  })
  .strict();
export type SavedTab = z.infer<typeof savedTabSchema>;

export const tabsGetRequestSchema = z.object({ profileId: profileIdSchema }).strict();

/** Replaces the profile's kept tabs (an empty list forgets them); at most one is marked active. */
export const tabsSaveRequestSchema = z
  .object({
    profileId: profileIdSchema,
    tabs: z
      .array(savedTabSchema)
      .max(MAX_SAVED_TABS, `at most ${MAX_SAVED_TABS} tabs are kept`)
      .refine((tabs) => tabs.filter((tab) => tab.active).length <= 1, 'at most one kept tab is active'),
  })
  .strict();
