import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SavedQueriesStore } from '../../../electron/core/store/savedQueries/savedQueriesStore';
import { createDispatch, type Handlers } from '../../../electron/core/dispatch';
import { storeHandlers } from '../../../electron/core/handlers/storeHandlers';
import { createStore } from '../../../electron/core/store/createStore';
import { MemoryKeychain } from '../../env/memoryKeychain';
import { makeTempDir, type TempDir } from '../../env/tempDir';

describe('saved queries', () => {
  let dir: TempDir;
  let clock: number;
  let ids: number;
  const open = () => new SavedQueriesStore({ dataDir: dir.path, now: () => new Date(clock), newId: () => `q${++ids}` });

  beforeEach(() => {
    dir = makeTempDir('saved-queries');
    clock = Date.UTC(2026, 10, 30, 9, 0, 0);
    ids = 0;
  });
  afterEach(() => dir.remove());

  it('keeps queries per profile and for every connection, by name, across a restart; search matches name or SQL', async () => {
    const store = open();
    await store.save({ profileId: 'p1', name: 'Orders today', sql: 'SELECT * FROM orders WHERE day = current_date' });
    await store.save({ profileId: null, name: 'active sessions', sql: 'SELECT * FROM pg_stat_activity' });
    await store.save({ profileId: 'p2', name: 'Big tables', sql: 'SELECT 1' });
    const reopened = open();
    expect((await reopened.list({ profileId: 'p1' })).map((q) => q.name)).toEqual(['active sessions', 'Orders today']);
    expect((await reopened.list({ profileId: 'p2' })).map((q) => q.name)).toEqual(['active sessions', 'Big tables']);
    expect((await reopened.list()).map((q) => q.id)).toEqual(['q2', 'q3', 'q1']);
    expect((await reopened.list({ profileId: 'p1', search: 'PG_STAT' })).map((q) => q.id)).toEqual(['q2']);
    expect((await reopened.list({ profileId: 'p1', search: 'today' })).map((q) => q.id)).toEqual(['q1']);
  });

  it('updates the SQL of a saved query by id, keeping its name and scope unless given', async () => {
    const store = open();
    const saved = await store.save({ profileId: 'p1', name: 'Orders', sql: 'SELECT 1' });
    clock += 5000;
    const updated = await store.save({ id: saved.id, sql: 'SELECT 2' });
    expect(updated).toEqual({ ...saved, sql: 'SELECT 2', updatedAt: '2026-11-30T09:00:05.000Z' });
    expect(await store.save({ id: saved.id, sql: 'SELECT 3', name: 'Renamed', profileId: null })).toMatchObject({ name: 'Renamed', profileId: null, createdAt: saved.createdAt });
    await expect(store.save({ id: 'gone', sql: 'SELECT 1' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses what it should not keep: no name, no scope, blank SQL, and SQL that may hold a password', async () => {
    const store = open();
    await expect(store.save({ profileId: 'p1', name: '  ', sql: 'SELECT 1' })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/name is required/) });
    await expect(store.save({ name: 'x', sql: 'SELECT 1' })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/which connections/) });
    await expect(store.save({ profileId: 'p1', name: 'x', sql: ' \n' })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/no SQL/) });
    await expect(store.save({ profileId: 'p1', name: 'x', sql: "ALTER ROLE app PASSWORD 'hunter2'" })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/password/) });
    expect(readFileSync.bind(null, `${dir.path}/saved-queries.json`)).toThrow();
    await store.save({ profileId: 'p1', name: 'kept', sql: 'SELECT 1' });
    expect(readFileSync(`${dir.path}/saved-queries.json`, 'utf8')).not.toMatch(/hunter2/);
  });

  it('deletes one, and a deleted profile\'s queries, keeping those for every connection', async () => {
    const store = open();
    const one = await store.save({ profileId: 'p1', name: 'a', sql: 'SELECT 1' });
    await store.save({ profileId: 'p1', name: 'b', sql: 'SELECT 2' });
    await store.save({ profileId: null, name: 'c', sql: 'SELECT 3' });
    expect(await store.delete({ id: one.id })).toEqual({ id: one.id });
    await expect(store.delete({ id: one.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await store.forget('p1');
    expect((await store.list()).map((q) => q.name)).toEqual(['c']);
  });

  it('through the channels: a query for one connection needs that connection, and goes when it is deleted', async () => {
    const core = createStore({ dataDir: dir.path, keychain: new MemoryKeychain() });
    const dispatch = createDispatch(storeHandlers(core) as Handlers);
    const profile = await dispatch('profiles.save', { name: 'db', engine: 'sqlite', database: '/tmp/x.db' });
    if (!profile.ok) throw new Error(profile.error.message);
    const id = (profile.value as { profile: { id: string } }).profile.id;
    expect(await dispatch('savedQueries.save', { profileId: 'nope', name: 'x', sql: 'SELECT 1' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await dispatch('savedQueries.save', { profileId: id, name: 'mine', sql: 'SELECT 1' })).toMatchObject({ ok: true, value: { name: 'mine', profileId: id } });
    expect(await dispatch('savedQueries.save', { profileId: null, name: 'shared', sql: 'SELECT 2' })).toMatchObject({ ok: true });
    expect(await dispatch('savedQueries.save', { profileId: id, sql: 'SELECT 1' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', detail: { field: 'name' } } });
    await dispatch('profiles.delete', { id });
    const left = await dispatch('savedQueries.list', {});
    expect(left.ok && (left.value as { name: string }[]).map((q) => q.name)).toEqual(['shared']);
  });
});
