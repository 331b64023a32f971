import path from 'node:path';
import { z } from 'zod';
import { storedProfileSchema, type StoredProfile } from '../../../../shared/profile';
import { VersionedJsonFile } from '../files/versionedJsonFile';
import { migrateProfilesV1 } from './migrateProfilesV1';

export const PROFILES_FILE_VERSION = 2;

export const profilesDocumentSchema = z.object({
  version: z.literal(PROFILES_FILE_VERSION),
  /** In display order; groups are paths on each profile. */
  profiles: z.array(storedProfileSchema),
});
export type ProfilesDocument = z.infer<typeof profilesDocumentSchema>;
export type { StoredProfile };

export function openProfilesFile(dataDir: string): VersionedJsonFile<ProfilesDocument> {
  return new VersionedJsonFile<ProfilesDocument>({
    path: path.join(dataDir, 'profiles.json'),
    label: 'profiles',
    version: PROFILES_FILE_VERSION,
    schema: profilesDocumentSchema,
    migrations: { 1: migrateProfilesV1 },
    empty: () => ({ version: PROFILES_FILE_VERSION, profiles: [] }),
  });
}
