import { chmodSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/createCore';
import { MAX_SQL_FILE_BYTES } from '../../../shared/sqlFiles';
import { MemoryKeychain } from '../../env/memoryKeychain';
import { makeTempDir, type TempDir } from '../../env/tempDir';

describe('SQL files through the host\'s dialogs', () => {
  let dir: TempDir;
  let core: Core;
  let picked: string | null;
  let saveDialogs: { name: string; format: string }[];

  beforeEach(() => {
    dir = makeTempDir('sql-files');
    picked = null;
    saveDialogs = [];
    core = createCore({
      dataDir: dir.join('data'), appVersion: '0', runtime: 'test-host', electronVersion: null, keychain: new MemoryKeychain(),
      platform: { pickFile: async () => picked, pickSavePath: async (name, format) => (saveDialogs.push({ name, format }), picked) },
    });
  });
  afterEach(async () => {
    await core.close();
    dir.remove();
  });

  it('opens a file the user picked, without its byte order mark, and saves it again in place without asking', async () => {
    expect(await core.dispatch('files.openSql', {})).toEqual({ ok: true, value: { path: null, name: null, text: null } });
    picked = dir.join('migration.sql');
    writeFileSync(picked, '\uFEFFSELECT \'héllo 🦫\';\n');
    chmodSync(picked, 0o640);
    expect(await core.dispatch('files.openSql', {})).toEqual({ ok: true, value: { path: picked, name: 'migration.sql', text: 'SELECT \'héllo 🦫\';\n' } });
    const file = picked;
    picked = null;
    expect(await core.dispatch('files.saveSql', { text: 'SELECT 2;\n', suggestedName: 'migration.sql', path: file })).toEqual({ ok: true, value: { path: file, name: 'migration.sql' } });
    expect(saveDialogs).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe('SELECT 2;\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir.path).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('asks with the save dialog for a path it was not given by one, or for Save As; a cancelled dialog writes nothing', async () => {
    const elsewhere = dir.join('chosen-by-renderer.sql');
    writeFileSync(elsewhere, 'keep me');
    expect(await core.dispatch('files.saveSql', { text: 'DROP TABLE x;', suggestedName: 'Query 1.sql', path: elsewhere })).toEqual({ ok: true, value: { path: null, name: null } });
    expect(readFileSync(elsewhere, 'utf8')).toBe('keep me');
    expect(saveDialogs).toEqual([{ name: 'Query 1.sql', format: 'sql' }]);
    picked = dir.join('saved.sql');
    expect(await core.dispatch('files.saveSql', { text: 'SELECT 1;', suggestedName: 'Query 1.sql' })).toEqual({ ok: true, value: { path: picked, name: 'saved.sql' } });
    expect(readFileSync(picked, 'utf8')).toBe('SELECT 1;');
    // Saved through the dialog once: later saves go there without asking, Save As asks again.
    const saved = picked;
    picked = null;
    await core.dispatch('files.saveSql', { text: 'SELECT 3;', suggestedName: 'saved.sql', path: saved });
    expect(readFileSync(saved, 'utf8')).toBe('SELECT 3;');
    expect(saveDialogs).toHaveLength(2);
    expect(await core.dispatch('files.saveSql', { text: 'SELECT 4;', suggestedName: 'saved.sql', path: saved, saveAs: true })).toEqual({ ok: true, value: { path: null, name: null } });
    expect(saveDialogs).toHaveLength(3);
    expect(readFileSync(saved, 'utf8')).toBe('SELECT 3;');
  });

  it('says what is wrong with a file it cannot open: missing, too big, binary, not UTF-8', async () => {
    picked = dir.join('missing.sql');
    expect(await core.dispatch('files.openSql', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: `there is no file at ${picked}` } });
    picked = dir.join('huge.sql');
    writeFileSync(picked, '');
    truncateSync(picked, MAX_SQL_FILE_BYTES + 1);
    expect(await core.dispatch('files.openSql', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/is 8\.0 MB; the editor opens SQL files up to 8\.0 MB\. Run a bigger script with the database's own client/) } });
    picked = dir.join('binary.sql');
    writeFileSync(picked, Buffer.from([0x53, 0x00, 0x01]));
    expect(await core.dispatch('files.openSql', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('is not a text file') } });
    picked = dir.join('latin1.sql');
    writeFileSync(picked, Buffer.from('SELECT \'caf\xe9\';', 'latin1'));
    expect(await core.dispatch('files.openSql', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('is not UTF-8 text: save it as UTF-8') } });
  });

  it('a place it cannot write to gets STORE_IO naming it', async () => {
    writeFileSync(dir.join('a file'), 'not a folder');
    picked = dir.join('a file', 'x.sql');
    expect(await core.dispatch('files.saveSql', { text: 'SELECT 1;', suggestedName: 'x.sql' })).toMatchObject({
      ok: false, error: { code: 'STORE_IO', message: expect.stringMatching(/^cannot write .*a file\/x\.sql: E\w+\. Choose another place with Save As\.$/) },
    });
    expect(readFileSync(dir.join('a file'), 'utf8')).toBe('not a folder');
  });
});
