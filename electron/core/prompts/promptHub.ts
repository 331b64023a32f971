import { randomUUID } from 'node:crypto';
import { BurrowError } from '../../../shared/errors';
import type { PromptAnswers, PromptRequest } from '../../../shared/prompts';
import type { PromptBroker } from '../ssh/types';

export interface PendingPrompt {
  id: string;
  request: PromptRequest;
}

/**
 * Turns the engine's questions into `prompts.onRequest` events and resolves them when the
 * renderer answers by id. Answers are handed to the waiting connect and not kept.
 */
export class PromptHub implements PromptBroker {
  private readonly pending = new Map<string, { request: PromptRequest; resolve: (answer: unknown) => void }>();

  constructor(private readonly publish: (prompt: PendingPrompt) => void, private readonly retract: (id: string) => void = () => {}) {}

  ask<R extends PromptRequest>(request: R): Promise<PromptAnswers[R['kind']]> {
    const id = randomUUID();
    return new Promise((resolve) => {
      this.pending.set(id, { request, resolve: resolve as (answer: unknown) => void });
      this.publish({ id, request });
    });
  }

  /** Answers prompt `id`; the answer's shape is checked against the prompt's kind. */
  answer(id: string, answer: unknown): void {
    const entry = this.pending.get(id);
    if (!entry) throw new BurrowError('NOT_FOUND', `no open prompt ${id}; it may have been answered or cancelled`);
    const valid = validAnswer(entry.request, answer);
    if (!valid.ok) throw new BurrowError('VALIDATION', `prompts.answer: ${valid.reason}`, { field: 'answer' });
    this.pending.delete(id);
    entry.resolve(answer);
  }

  /** Cancels every open prompt (the renderer went away, the app quits). */
  cancelAll(): void {
    for (const [id, entry] of this.pending) {
      this.pending.delete(id);
      this.retract(id);
      entry.resolve(entry.request.kind === 'hostKey' ? 'reject' : null);
    }
  }

  list(): PendingPrompt[] {
    return [...this.pending].map(([id, entry]) => ({ id, request: entry.request }));
  }
}

function validAnswer(request: PromptRequest, answer: unknown): { ok: true } | { ok: false; reason: string } {
  switch (request.kind) {
    case 'hostKey':
      return answer === 'trust-once' || answer === 'trust-always' || answer === 'reject'
        ? { ok: true }
        : { ok: false, reason: 'a host key prompt takes "trust-once", "trust-always" or "reject"' };
    case 'password':
    case 'passphrase':
    case 'databasePassword':
      return answer === null || (typeof answer === 'string' && answer.length <= 4096)
        ? { ok: true }
        : { ok: false, reason: `a ${request.kind} prompt takes a string (or null to cancel)` };
    case 'keyboardInteractive':
      return answer === null ||
        (Array.isArray(answer) && answer.length === request.prompts.length && answer.every((a) => typeof a === 'string' && a.length <= 4096))
        ? { ok: true }
        : { ok: false, reason: `this prompt takes exactly ${request.prompts.length} answer(s), or null to cancel` };
  }
}
