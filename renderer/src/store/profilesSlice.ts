import type { StateCreator } from 'zustand';
import type { BurrowErrorShape, Result } from '../../../shared/errors';
import type { Profile } from '../../../shared/profile';
import { burrow } from '../ipc/client';

export type ProfilesState = { status: 'loading' } | { status: 'ready'; profiles: Profile[] } | { status: 'failed'; error: BurrowErrorShape };

export interface ProfilesSlice {
  profiles: ProfilesState;
  loadProfiles(): Promise<void>;
}

/** Pure: the next profiles state for a `profiles.list` result. */
export function profilesStateFor(result: Result<Profile[]>): ProfilesState {
  return result.ok ? { status: 'ready', profiles: result.value } : { status: 'failed', error: result.error };
}

export interface ProfileGroup {
  path: string[];
  profiles: Profile[];
}

/** Pure: profiles grouped by their group path, groups in first-seen order, ungrouped first. */
export function groupProfiles(profiles: readonly Profile[]): ProfileGroup[] {
  const groups = new Map<string, ProfileGroup>();
  for (const profile of profiles) {
    const key = profile.group.join('\u0000');
    const group = groups.get(key) ?? { path: profile.group, profiles: [] };
    group.profiles.push(profile);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => (a.path.length === 0 ? -1 : b.path.length === 0 ? 1 : 0));
}

/**
 * Pure: the profiles a sidebar search shows: every word of `query` (any case) must appear in the
 * name, group, engine, host, database, user or an SSH hop's host or name.
 */
export function searchProfiles(profiles: readonly Profile[], query: string): Profile[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...profiles];
  return profiles.filter((profile) => {
    const text = [profile.name, ...profile.group, profile.engine, profile.host, profile.database, profile.user, ...profile.ssh.hops.flatMap((hop) => [hop.host, hop.name ?? ''])]
      .join('\n')
      .toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

export const createProfilesSlice: StateCreator<ProfilesSlice, [], [], ProfilesSlice> = (set) => ({
  profiles: { status: 'loading' },
  async loadProfiles() {
    let result: Result<Profile[]>;
    try {
      result = await burrow().profiles.list({});
    } catch (error) {
      result = { ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
    }
    set({ profiles: profilesStateFor(result) });
  },
});
