import { statSync, truncateSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/createCore';
import { MAX_BUNDLE_BYTES } from '../../../shared/imports';
import { MemoryKeychain } from '../../env/memoryKeychain';
import { makeTempDir, type TempDir } from '../../env/tempDir';

describe('connections files through the host\'s dialogs', () => {
  let dir: TempDir;
  let core: Core;
  let picked: string | null;
  let titles: (string | undefined)[];

  beforeEach(async () => {
    dir = makeTempDir('bundle-files');
    picked = null;
    titles = [];
    core = createCore({
      dataDir: dir.join('data'), appVersion: '0', runtime: 'test-host', electronVersion: null, keychain: new MemoryKeychain(),
      platform: { pickFile: async () => picked, pickSavePath: async (_name, _format, title) => (titles.push(title), picked) },
    });
    await core.dispatch('profiles.save', { name: 'db', engine: 'postgres', host: 'h', password: 'pw-not-exported' });
  });
  afterEach(async () => {
    await core.close();
    dir.remove();
  });

  it('writes the export where the user chose, owner-only, and a cancelled dialog writes nothing', async () => {
    expect(await core.dispatch('imports.saveBundleFile', {})).toEqual({ ok: true, value: { path: null, count: 1 } });
    picked = dir.join('out.json');
    expect(await core.dispatch('imports.saveBundleFile', {})).toEqual({ ok: true, value: { path: picked, count: 1 } });
    expect(titles).toEqual(['Export 1 connection', 'Export 1 connection']);
    expect(statSync(picked).mode & 0o777).toBe(0o600);
    const opened = await core.dispatch('imports.openBundleFile', {});
    expect(opened).toMatchObject({ ok: true, value: { path: picked, json: expect.stringContaining('"db"') } });
    expect(JSON.stringify(opened)).not.toContain('pw-not-exported');
  });

  it('says what is wrong with a file it cannot open', async () => {
    expect(await core.dispatch('imports.openBundleFile', {})).toEqual({ ok: true, value: { path: null, json: null } });
    picked = dir.join('missing.json');
    expect(await core.dispatch('imports.openBundleFile', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('missing.json') } });
    picked = dir.join('huge.json');
    writeFileSync(picked, '');
    truncateSync(picked, MAX_BUNDLE_BYTES + 1);
    expect(await core.dispatch('imports.openBundleFile', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/at most 10 MB/) } });
    picked = dir.join('not-json.json');
    writeFileSync(picked, 'hello');
    const opened = await core.dispatch('imports.openBundleFile', {});
    expect(opened.ok).toBe(true);
    expect(await core.dispatch('imports.previewBundle', { json: 'hello' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
