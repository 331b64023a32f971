import type { Hop } from '../../../shared/route';
import type { PromptAnswers, PromptRequest } from '../../../shared/prompts';

/** A private key ready for ssh2: key material its parseKey accepts, and the public blob. */
export interface LoadedKey {
  privateKey: Buffer;
  /** Only when `privateKey` is still encrypted; already verified by the source. */
  passphrase?: string;
  publicKey: Buffer;
}

/** Where the engine gets stored secrets (the vault, in the app). */
export interface CredentialSource {
  /** The stored password for a hop, or null when none is stored (then the user is asked). */
  hopPassword(hop: Hop): Promise<string | null>;
  /** Throws BurrowError KEY_PASSPHRASE_REQUIRED / KEY_PASSPHRASE_WRONG when the key is locked. */
  privateKey(keyId: string, passphrase?: string): Promise<LoadedKey>;
  /** The public key blob of a stored key, for IdentitiesOnly agent auth. */
  publicKey(keyId: string): Promise<Buffer>;
}

/** Asks the user; resolves with the answer, `null` (or 'reject') when they cancel. */
export interface PromptBroker {
  ask<R extends PromptRequest>(request: R): Promise<PromptAnswers[R['kind']]>;
}

export type Stage = 'dns' | 'tcp' | 'handshake' | 'hostkey' | 'auth' | 'channel' | 'db';
