import type { ProfilesState } from './profilesSlice';

/** Why a read-only connection's rows cannot be edited. */
export const READ_ONLY_REASON = 'read-only connection';

/** Pure: whether a live session's connection is read-only (its profile says so). Kept free of React, for the store. */
export function sessionReadOnly(state: { profiles: ProfilesState; sessions: Record<string, { profileId: string }> }, sessionId: string): boolean {
  if (state.profiles.status !== 'ready') return false;
  const profileId = state.sessions[sessionId]?.profileId;
  return state.profiles.profiles.find((profile) => profile.id === profileId)?.readOnly ?? false;
}
