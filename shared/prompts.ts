import { z } from 'zod';

/**
 * Questions the core asks the user while connecting (unknown host key, password, key passphrase,
 * keyboard-interactive rounds). They travel to the renderer as `prompts.onRequest` events and come
 * back answered by id. Answers are used once and never stored, except where the user asks Burrow
 * to remember a host key.
 */
export const hopLabelSchema = z.object({
  index: z.number().int().min(1),
  count: z.number().int().min(1),
  host: z.string(),
  port: z.number().int(),
  name: z.string().optional(),
});
export type HopLabel = z.infer<typeof hopLabelSchema>;

export const promptRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hostKey'), hop: hopLabelSchema, keyType: z.string(), fingerprint: z.string() }),
  z.object({ kind: z.literal('password'), hop: hopLabelSchema, username: z.string() }),
  z.object({ kind: z.literal('passphrase'), hop: hopLabelSchema, keyId: z.string() }),
  z.object({ kind: z.literal('databasePassword'), profileId: z.string(), profileName: z.string(), user: z.string() }),
  z.object({
    kind: z.literal('keyboardInteractive'),
    hop: hopLabelSchema,
    round: z.number().int().min(1),
    name: z.string(),
    instructions: z.string(),
    prompts: z.array(z.object({ prompt: z.string(), echo: z.boolean() })),
  }),
]);
export type PromptRequest = z.infer<typeof promptRequestSchema>;

export const hostKeyDecisionSchema = z.enum(['trust-once', 'trust-always', 'reject']);
export type HostKeyDecision = z.infer<typeof hostKeyDecisionSchema>;

/** The answer for each prompt kind; `null` means the user cancelled. */
export interface PromptAnswers {
  hostKey: HostKeyDecision;
  password: string | null;
  passphrase: string | null;
  databasePassword: string | null;
  keyboardInteractive: string[] | null;
}

export function describeHop(hop: HopLabel): string {
  return `hop ${hop.index}/${hop.count} ${hop.name ? `${hop.name} (${hop.host}:${hop.port})` : `${hop.host}:${hop.port}`}`;
}
