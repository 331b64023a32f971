import { z } from 'zod';

/** The largest SQL file the editor opens (a bigger dump is for the engine's own client). */
export const MAX_SQL_FILE_BYTES = 8 * 1024 * 1024;

/** A SQL file the user picks in the host's open dialog, read into a query tab; nulls when they cancelled. */
export const sqlFileOpenRequestSchema = z.object({}).strict();
export const sqlFileOpenedSchema = z.object({ path: z.string().nullable(), name: z.string().nullable(), text: z.string().nullable() });
export type SqlFileOpened = z.infer<typeof sqlFileOpenedSchema>;

/**
 * Writes a query tab's text to a SQL file. `path` is the tab's file: written again without asking
 * when this run of Burrow opened or saved it through a dialog; any other path (or `saveAs`) asks
 * with the host's save dialog, so the renderer cannot name a file to overwrite.
 */
export const sqlFileSaveRequestSchema = z
  .object({
    text: z.string().max(MAX_SQL_FILE_BYTES, `a SQL file is at most ${MAX_SQL_FILE_BYTES / 1024 / 1024} MB`),
    suggestedName: z.string().min(1).max(255),
    path: z.string().min(1).max(4096).optional(),
    saveAs: z.boolean().default(false),
  })
  .strict();
export const sqlFileSavedSchema = z.object({ path: z.string().nullable(), name: z.string().nullable() });
