import { copyFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Store } from './store/createStore';

export const SAMPLE_PROFILE_NAME = 'Sample (SQLite)';

/**
 * On the very first launch (no profiles file yet), copies the bundled sample database into the
 * data dir, where the user may write to it, and saves a "Sample (SQLite)" profile for it, so a new
 * user can run a query at once. Later launches, and users who deleted the sample, are left alone.
 */
export async function seedFirstRun(store: Store, dataDir: string, sampleDatabase: string | undefined): Promise<boolean> {
  if (!sampleDatabase || (await exists(path.join(dataDir, 'profiles.json')))) return false;
  if (!(await exists(sampleDatabase))) return false;
  const target = path.join(dataDir, 'sample', path.basename(sampleDatabase));
  await mkdir(path.dirname(target), { recursive: true });
  await copyFile(sampleDatabase, target);
  await store.profiles.save({
    name: SAMPLE_PROFILE_NAME,
    engine: 'sqlite',
    database: target,
    environment: 'local',
    passwordPolicy: 'none',
    startupSql: '',
  });
  return true;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
