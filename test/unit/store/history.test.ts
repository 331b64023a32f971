import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryStore, MAX_ENTRIES_PER_PROFILE, MAX_SQL_CHARS } from '../../../electron/core/store/history/historyStore';
import { makeTempDir, type TempDir } from '../../env/tempDir';

describe('query history', () => {
  let dir: TempDir;
  let clock: number;
  let ids: number;
  const open = () => new HistoryStore({ dataDir: dir.path, now: () => new Date(clock), newId: () => `h${++ids}` });

  beforeEach(() => {
    dir = makeTempDir('history');
    clock = Date.UTC(2026, 10, 22, 9, 0, 0);
    ids = 0;
  });
  afterEach(() => dir.remove());

  it('keeps runs per profile, newest first, survives a restart, and moves a repeated run to the top', async () => {
    const history = open();
    await history.record('p1', 'SELECT 1');
    clock += 1000;
    await history.record('p2', 'SELECT 2');
    clock += 1000;
    await history.record('p1', 'SELECT *\nFROM orders');
    clock += 1000;
    const again = await history.record('p1', 'SELECT 1');
    expect(again).toEqual({ id: 'h1', profileId: 'p1', sql: 'SELECT 1', ranAt: '2026-11-22T09:00:03.000Z' });
    const reopened = open();
    expect((await reopened.list({ profileId: 'p1' })).map((entry) => entry.sql)).toEqual(['SELECT 1', 'SELECT *\nFROM orders']);
    expect((await reopened.list()).map((entry) => entry.id)).toEqual(['h1', 'h3', 'h2']);
    expect((await reopened.list({ profileId: 'p1', search: 'from ORD' })).map((entry) => entry.id)).toEqual(['h3']);
    expect(await reopened.list({ profileId: 'p1', limit: 1 })).toHaveLength(1);
    await expect(reopened.list({ limit: 0 })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('skips blank and oversized SQL, and keeps at most the newest runs of each profile', async () => {
    const history = open();
    expect(await history.record('p1', '  \n ')).toBeNull();
    expect(await history.record('p1', 'x'.repeat(MAX_SQL_CHARS + 1))).toBeNull();
    // Nothing that may carry a password goes to a plain file.
    for (const secret of ["CREATE USER bob IDENTIFIED BY 'hunter2'", "ALTER ROLE bob WITH PASSWORD 'x'", "SET PASSWORD FOR bob = PASSWORD('x')", "create user a identified with mysql_native_password by 'x'"]) {
      expect(await history.record('p1', secret)).toBeNull();
    }
    await history.record('p2', 'SELECT other');
    for (let i = 0; i < MAX_ENTRIES_PER_PROFILE + 5; i++) await history.record('p1', `SELECT ${i}`);
    const kept = await history.list({ profileId: 'p1', limit: 1000 });
    expect(kept).toHaveLength(MAX_ENTRIES_PER_PROFILE);
    expect(kept[0]?.sql).toBe(`SELECT ${MAX_ENTRIES_PER_PROFILE + 4}`);
    expect(kept.at(-1)?.sql).toBe('SELECT 5');
    expect((await history.list({ profileId: 'p2' })).map((entry) => entry.sql)).toEqual(['SELECT other']);
    expect(await history.list({ search: 'bob', limit: 1000 })).toEqual([]);
  });

  it('clears one profile or everything, and starts afresh from a damaged file', async () => {
    const history = open();
    expect(await history.clear({})).toEqual({ removed: 0 });
    expect(readdirSync(dir.path)).toEqual([]);
    await history.record('p1', 'SELECT 1');
    await history.record('p2', 'SELECT 2');
    expect(await history.clear({ profileId: 'p1' })).toEqual({ removed: 1 });
    expect((await history.list()).map((entry) => entry.profileId)).toEqual(['p2']);
    expect(await history.clear({})).toEqual({ removed: 1 });
    expect(await history.list()).toEqual([]);
    writeFileSync(dir.join('history.json'), '{ not json');
    const damaged = open();
    await expect(damaged.list()).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    await expect(damaged.record('p1', 'SELECT 3')).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    expect(await damaged.clear({})).toEqual({ removed: 0 });
    await damaged.record('p1', 'SELECT 4');
    expect((await damaged.list()).map((entry) => entry.sql)).toEqual(['SELECT 4']);
    expect(JSON.parse(readFileSync(dir.join('history.json'), 'utf8')).entries).toHaveLength(1);
    // The damaged file was set aside, not thrown away.
    expect(readdirSync(dir.path).some((name) => name.startsWith('history.json.corrupt-'))).toBe(true);
  });
});
