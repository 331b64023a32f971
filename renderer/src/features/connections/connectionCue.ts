import type { CSSProperties } from 'react';
import type { Environment, Profile } from '../../../../shared/profile';
import type { ProfilesState } from '../../store/profilesSlice';

/** The tag shown beside a connection whose environment calls for care; none for the others. */
export function environmentTag(environment: Environment): 'PROD' | 'STAGING' | null {
  if (environment === 'production') return 'PROD';
  if (environment === 'staging') return 'STAGING';
  return null;
}

/** Pure: the saved profile with this id, while the list is loaded. */
export function profileById(profiles: ProfilesState, profileId: string | undefined): Profile | undefined {
  if (profiles.status !== 'ready' || !profileId) return undefined;
  return profiles.profiles.find((profile) => profile.id === profileId);
}

/** The connection's colour as a CSS variable (`--connection-colour`) for the stylesheet to use. */
export function colourStyle(colour: string | null | undefined): CSSProperties | undefined {
  return colour ? ({ '--connection-colour': colour } as CSSProperties) : undefined;
}

