import type { StateCreator } from 'zustand';
import type { BurrowErrorShape } from '../../../shared/errors';
import type { SessionInfo, SessionStateEvent } from '../../../shared/sessions';
import { burrow } from '../ipc/client';

export type ConnectStatus =
  | { status: 'idle' }
  | { status: 'connecting'; part: 'tunnel' | 'database' }
  | { status: 'failed'; error: BurrowErrorShape };

export interface SessionsSlice {
  sessions: Record<string, SessionInfo>;
  /** Per profile: what the last "connect" is doing. */
  connecting: Record<string, ConnectStatus>;
  /** `database`: another database on the profile's server than its own. */
  openSession(profileId: string, options?: { database?: string }): Promise<SessionInfo | null>;
  closeSession(sessionId: string): Promise<void>;
  /** Takes in the sessions core already has (a reloaded or reopened window); answers them. */
  adoptSessions(): Promise<SessionInfo[]>;
  sessionStateChanged(event: SessionStateEvent): void;
}

/** Pure: sessions after a state event (ready/reconnecting/failed/closed for a known session). */
export function applySessionEvent(sessions: Record<string, SessionInfo>, event: SessionStateEvent): Record<string, SessionInfo> {
  if (!event.sessionId || !sessions[event.sessionId]) return sessions;
  if (event.state === 'closed') {
    const { [event.sessionId]: _closed, ...rest } = sessions;
    return rest;
  }
  return { ...sessions, [event.sessionId]: { ...sessions[event.sessionId]!, state: event.state } };
}

export const createSessionsSlice: StateCreator<SessionsSlice, [], [], SessionsSlice> = (set) => ({
  sessions: {},
  connecting: {},
  async openSession(profileId, options = {}) {
    set((state) => ({ connecting: { ...state.connecting, [profileId]: { status: 'connecting', part: 'tunnel' } } }));
    const result = await burrow().sessions.open({ profileId, ...(options.database !== undefined ? { database: options.database } : {}) });
    if (!result.ok) {
      set((state) => ({ connecting: { ...state.connecting, [profileId]: { status: 'failed', error: result.error } } }));
      return null;
    }
    set((state) => ({
      sessions: { ...state.sessions, [result.value.sessionId]: result.value },
      connecting: { ...state.connecting, [profileId]: { status: 'idle' } },
    }));
    return result.value;
  },
  async adoptSessions() {
    const result = await burrow().sessions.list({});
    if (!result.ok) return [];
    set((state) => ({ sessions: { ...Object.fromEntries(result.value.map((session) => [session.sessionId, session])), ...state.sessions } }));
    return result.value;
  },
  async closeSession(sessionId) {
    await burrow().sessions.close({ sessionId });
    set((state) => ({ sessions: applySessionEvent(state.sessions, { sessionId, profileId: '', state: 'closed', part: 'database' }) }));
  },
  sessionStateChanged(event) {
    set((state) => {
      const connecting =
        event.sessionId === null && event.state === 'connecting'
          ? { ...state.connecting, [event.profileId]: { status: 'connecting' as const, part: event.part } }
          : state.connecting;
      return { sessions: applySessionEvent(state.sessions, event), connecting };
    });
  },
});
