import { BurrowError } from '../../../shared/errors';
import type { Profile } from '../../../shared/profile';
import type { PromptBroker } from '../ssh/types';
import type { Store } from '../store/createStore';

export type PasswordOwner = Pick<Profile, 'engine' | 'name' | 'user' | 'passwordPolicy'> & { id?: string | undefined };

/**
 * The database password for a login: one typed for this attempt, else the stored one (keychain
 * policy), else the user is asked. A profile with the "no password" policy (or sqlite) has none.
 */
export async function databasePassword(deps: { store: Store; prompts: PromptBroker }, owner: PasswordOwner, typed?: string): Promise<string | null> {
  if (owner.engine === 'sqlite' || owner.passwordPolicy === 'none') return null;
  if (typed) return typed;
  if (owner.passwordPolicy === 'keychain' && owner.id) {
    const stored = await deps.store.profiles.databasePassword(owner.id).catch((error: unknown) => {
      // An unsaved draft has no stored password yet; anything else (keychain locked) is real.
      if (error instanceof BurrowError && error.code === 'NOT_FOUND') return null;
      throw error;
    });
    if (stored !== null) return stored;
  }
  const answer = await deps.prompts.ask({ kind: 'databasePassword', profileId: owner.id ?? 'unsaved', profileName: owner.name, user: owner.user });
  if (answer === null) throw new BurrowError('CANCELLED', `${owner.name}: connecting was cancelled at the database password`);
  return answer;
}
