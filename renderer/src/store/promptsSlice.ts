import type { StateCreator } from 'zustand';
import type { PromptRequest } from '../../../shared/prompts';
import { burrow } from '../ipc/client';

export interface PendingPrompt {
  id: string;
  request: PromptRequest;
}

export interface PromptsSlice {
  prompts: PendingPrompt[];
  promptError: string | null;
  promptArrived(prompt: PendingPrompt): void;
  promptWithdrawn(id: string): void;
  answerPrompt(id: string, answer: unknown): Promise<void>;
}

/** Pure: the queue after a prompt arrives (a repeated id replaces the old one). */
export function enqueuePrompt(queue: readonly PendingPrompt[], prompt: PendingPrompt): PendingPrompt[] {
  return [...queue.filter((p) => p.id !== prompt.id), prompt];
}

export const createPromptsSlice: StateCreator<PromptsSlice, [], [], PromptsSlice> = (set) => ({
  prompts: [],
  promptError: null,
  promptArrived: (prompt) => set((state) => ({ prompts: enqueuePrompt(state.prompts, prompt) })),
  promptWithdrawn: (id) => set((state) => ({ prompts: state.prompts.filter((p) => p.id !== id) })),
  async answerPrompt(id, answer) {
    const result = await burrow().prompts.answer({ id, answer });
    set((state) =>
      result.ok
        ? { prompts: state.prompts.filter((p) => p.id !== id), promptError: null }
        : { promptError: result.error.message },
    );
  },
});
