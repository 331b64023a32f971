import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/createCore';
import { SAMPLE_PROFILE_NAME } from '../../../electron/core/firstRun';
import { makeTempDir, type TempDir } from '../../env/tempDir';
import { MemoryKeychain } from '../../env/memoryKeychain';

const sampleDatabase = new URL('../../../resources/sample/burrow-sample.sqlite', import.meta.url).pathname;

describe('first run: the Sample (SQLite) profile', () => {
  let dir: TempDir | undefined;
  afterEach(() => dir?.remove());

  const start = async (dataDir: string) => {
    const core = createCore({ dataDir, appVersion: '0', runtime: 'test-host', electronVersion: null, keychain: new MemoryKeychain(), sampleDatabase });
    await core.init();
    return core;
  };

  it('creates the profile and a writable copy of the sample database on first launch only', async () => {
    dir = makeTempDir('first-run');
    const core = await start(dir.path);
    const listed = await core.dispatch('profiles.list', {});
    expect(listed.ok).toBe(true);
    const profiles = listed.ok ? (listed.value as { id: string; name: string; engine: string; database: string }[]) : [];
    expect(profiles.map((p) => [p.name, p.engine])).toEqual([[SAMPLE_PROFILE_NAME, 'sqlite']]);
    const copy = profiles[0]!.database;
    expect(copy.startsWith(dir.path)).toBe(true);
    const db = new Database(copy, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 1500 });
    db.close();

    // The user deletes it; a later launch does not bring it back.
    expect((await core.dispatch('profiles.delete', { id: profiles[0]!.id })).ok).toBe(true);
    await core.close();
    const again = await start(dir.path);
    expect(await again.dispatch('profiles.list', {})).toEqual({ ok: true, value: [] });
    await again.close();
    expect(existsSync(sampleDatabase)).toBe(true);
  });
});
