import type { StateCreator } from 'zustand';
import { safeModeAsk, type SafeModeAsk } from '../features/safety/safeModeAsk';
import { burrow } from '../ipc/client';
import type { ProfilesSlice } from './profilesSlice';
import type { SessionsSlice } from './sessionsSlice';

/** A question safe mode is asking now; `error` is set when a typed password did not match. */
export type PendingSafeModeAsk = SafeModeAsk & { sessionId: string; error: string | null; checking: boolean };

/** Safe mode: the connection's profile decides whether a run that may change data is asked about first. */
export interface SafetySlice {
  safeModeAsk: PendingSafeModeAsk | null;
  /**
   * Resolves true when the run may go ahead: safe mode has nothing to ask, or the user agreed.
   * `statements` is called only when the connection has a safe mode (classing a big script costs).
   */
  guardRun(sessionId: string, statements: () => readonly { text: string; writes: boolean }[]): Promise<boolean>;
  /** The user's answer to the question shown; a password is checked by core before the run goes ahead. */
  answerSafeMode(answer: { go: false } | { go: true; password?: string }): Promise<void>;
}

export const createSafetySlice: StateCreator<SafetySlice & SessionsSlice & ProfilesSlice, [], [], SafetySlice> = (set, get) => {
  let settle: ((go: boolean) => void) | null = null;
  const finish = (go: boolean): void => {
    const resolve = settle;
    settle = null;
    set({ safeModeAsk: null });
    resolve?.(go);
  };
  return {
    safeModeAsk: null,
    async guardRun(sessionId, statements) {
      const session = get().sessions[sessionId];
      const profiles = get().profiles;
      const profile = profiles.status === 'ready' ? profiles.profiles.find((p) => p.id === session?.profileId) : undefined;
      const ask = profile && profile.safeMode !== 'silent' ? safeModeAsk(profile, statements()) : null;
      if (!ask) return true;
      // One question at a time: a new one answers the old one "no".
      if (settle) finish(false);
      return new Promise<boolean>((resolve) => {
        settle = resolve;
        set({ safeModeAsk: { ...ask, sessionId, error: null, checking: false } });
      });
    },
    async answerSafeMode(answer) {
      const pending = get().safeModeAsk;
      if (!pending) return;
      if (!answer.go) return finish(false);
      if (pending.kind === 'confirm') return finish(true);
      set({ safeModeAsk: { ...pending, checking: true, error: null } });
      const checked = await burrow().sessions.checkPassword({ sessionId: pending.sessionId, password: answer.password ?? '' });
      if (get().safeModeAsk !== null && checked.ok && checked.value.matches) return finish(true);
      const error = checked.ok ? 'That is not the password this connection logged in with.' : `${checked.error.code}: ${checked.error.message}`;
      set((state) => (state.safeModeAsk ? { safeModeAsk: { ...state.safeModeAsk, checking: false, error } } : {}));
    },
  };
};
