import type { Profile } from '../../../shared/profile';
import type { DbConnectConfigInput } from '../../../shared/query';
import { loadTlsMaterial } from '../db/tls/loadTlsMaterial';
import { defaultPorts } from './defaultPorts';

/** The fields of a profile (saved or a form draft) that say how to log in to its database. */
export type DbFields = Pick<Profile, 'engine' | 'host' | 'port' | 'database' | 'user' | 'tls' | 'ssh' | 'defaultRowLimit' | 'readOnly'>;

/** The database login of a profile, with its TLS files read and its password resolved. */
export async function dbConnectConfig(profile: DbFields, password: string | null): Promise<DbConnectConfigInput> {
  return {
    engine: profile.engine,
    host: profile.host,
    port: profile.engine === 'sqlite' ? null : (profile.port ?? defaultPorts[profile.engine]),
    database: profile.database,
    user: profile.user,
    password: password ?? '',
    tls: await loadTlsMaterial(profile.tls),
    connectTimeoutMs: profile.ssh.connectTimeoutSeconds * 1000,
    defaultRowLimit: profile.defaultRowLimit,
    readOnly: profile.readOnly,
  };
}
