/**
 * Where each kind of secret lives in the vault. Hop passwords are keyed by hop id (the tunnel
 * engine knows hops, not profiles), so hop ids are unique across all profiles.
 */
export const secretIds = {
  databasePassword: (profileId: string) => `profile:${profileId}:password`,
  hopPassword: (hopId: string) => `hop:${hopId}:password`,
  privateKey: (keyId: string) => `key:${keyId}:private`,
  keyPassphrase: (keyId: string) => `key:${keyId}:passphrase`,
};
