import { z } from 'zod';
import { profileDraftSchema } from './profile';
import { errorShapeSchema } from './query';

/**
 * "Test" on the connection form: every stage of the route run one by one, each with its result
 * and duration, per hop, then the channel to the database and the database login.
 */
export const stageNameSchema = z.enum(['dns', 'tcp', 'handshake', 'hostkey', 'auth', 'channel', 'db']);
export type StageName = z.infer<typeof stageNameSchema>;

export const stageResultSchema = z.object({
  stage: stageNameSchema,
  ok: z.boolean(),
  ms: z.number().nonnegative(),
  /** What the stage found ("PostgreSQL 15.4, TLS"), when it worked. */
  detail: z.string().optional(),
  error: errorShapeSchema.optional(),
});
export type StageResult = z.infer<typeof stageResultSchema>;

export const hopDiagnosisSchema = z.object({
  index: z.number().int().min(1),
  host: z.string(),
  port: z.number().int(),
  name: z.string().optional(),
  stages: z.array(stageResultSchema),
  /** ssh2's protocol log for this hop, redacted; only when the test asked for it. */
  debugLog: z.array(z.string()),
});
export type HopDiagnosis = z.infer<typeof hopDiagnosisSchema>;

export const diagnosisSchema = z.object({
  ok: z.boolean(),
  hops: z.array(hopDiagnosisSchema),
  /** The database as seen from the last hop (or from here): its channel and its login. */
  target: z.object({ host: z.string(), port: z.number().int().nullable(), stages: z.array(stageResultSchema) }),
  /** The first failure, as connecting would have reported it. */
  error: errorShapeSchema.optional(),
  totalMs: z.number().nonnegative(),
});
export type Diagnosis = z.infer<typeof diagnosisSchema>;

/** The form as typed (saved or not); typed passwords are used for this test only, never stored. */
export const sessionsDiagnoseRequestSchema = z.object({ draft: profileDraftSchema, debugLog: z.boolean().default(false) }).strict();
export type SessionsDiagnoseRequest = z.input<typeof sessionsDiagnoseRequestSchema>;
