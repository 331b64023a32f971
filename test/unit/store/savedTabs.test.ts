import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_SAVED_TABS } from '../../../shared/savedTabs';
import { SavedTabsStore } from '../../../electron/core/store/tabs/savedTabsStore';
import { freeTabTitle, tabsToKeep, type QueryTab } from '../../../renderer/src/store/workspaceSlice';
import { makeTempDir, type TempDir } from '../../env/tempDir';

describe('kept query tabs', () => {
  let dir: TempDir;
  const file = (): string => path.join(dir.path, 'tabs.json');

  beforeEach(() => {
    dir = makeTempDir('tabs');
  });
  afterEach(() => dir.remove());

  it('keeps each profile its own tabs, in order, across a restart; an empty list forgets them', async () => {
    const tabs = new SavedTabsStore({ dataDir: dir.path });
    expect(await tabs.get({ profileId: 'p1' })).toEqual([]);
    expect(existsSync(file())).toBe(false);
    const p1 = [{ title: 'orders', sql: 'SELECT *\nFROM orders' }, { title: 'Query', sql: '' }];
    expect(await tabs.save({ profileId: 'p1', tabs: p1 })).toEqual({ kept: 2 });
    await tabs.save({ profileId: 'p2', tabs: [{ title: 'Other', sql: 'SELECT 2' }] });
    const reopened = new SavedTabsStore({ dataDir: dir.path });
    expect(await reopened.get({ profileId: 'p1' })).toEqual(p1);
    expect(await reopened.get({ profileId: 'p2' })).toEqual([{ title: 'Other', sql: 'SELECT 2' }]);
    await reopened.save({ profileId: 'p1', tabs: [] });
    expect(await reopened.get({ profileId: 'p1' })).toEqual([]);
    expect(Object.keys(JSON.parse(readFileSync(file(), 'utf8')).profiles)).toEqual(['p2']);
  });

  it('writes nothing when the tabs did not change, or when there is nothing to forget', async () => {
    const tabs = new SavedTabsStore({ dataDir: dir.path });
    await tabs.save({ profileId: 'p9', tabs: [] });
    expect(existsSync(file())).toBe(false);
    await tabs.save({ profileId: 'p1', tabs: [{ title: 'Query', sql: 'SELECT 1' }] });
    const before = readFileSync(file(), 'utf8');
    const mtime = statSync(file()).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await tabs.save({ profileId: 'p1', tabs: [{ title: 'Query', sql: 'SELECT 1' }] });
    expect(statSync(file()).mtimeMs).toBe(mtime);
    expect(readFileSync(file(), 'utf8')).toBe(before);
  });

  it('keeps which tab was in front, and a change of front tab alone is written', async () => {
    const tabs = new SavedTabsStore({ dataDir: dir.path });
    await tabs.save({ profileId: 'p1', tabs: [{ title: 'A', sql: 'SELECT 1' }, { title: 'B', sql: 'SELECT 2', active: true }] });
    expect(await new SavedTabsStore({ dataDir: dir.path }).get({ profileId: 'p1' })).toEqual([{ title: 'A', sql: 'SELECT 1' }, { title: 'B', sql: 'SELECT 2', active: true }]);
    await tabs.save({ profileId: 'p1', tabs: [{ title: 'A', sql: 'SELECT 1', active: true }, { title: 'B', sql: 'SELECT 2' }] });
    expect(await new SavedTabsStore({ dataDir: dir.path }).get({ profileId: 'p1' })).toEqual([{ title: 'A', sql: 'SELECT 1', active: true }, { title: 'B', sql: 'SELECT 2' }]);
    await expect(tabs.save({ profileId: 'p1', tabs: [{ title: 'A', sql: '', active: true }, { title: 'B', sql: '', active: true }] })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('keeps a tab whose SQL may hold a password without its text', async () => {
    const tabs = new SavedTabsStore({ dataDir: dir.path });
    await tabs.save({ profileId: 'p1', tabs: [{ title: 'Users', sql: "CREATE USER bob IDENTIFIED BY 's3cret'", active: true }, { title: 'Query', sql: 'SELECT 1' }] });
    expect(await tabs.get({ profileId: 'p1' })).toEqual([{ title: 'Users', sql: '', active: true }, { title: 'Query', sql: 'SELECT 1' }]);
    expect(readFileSync(file(), 'utf8')).not.toContain('s3cret');
  });

  it('refuses too many tabs or a bad request with VALIDATION, and treats a damaged file as empty', async () => {
    const tabs = new SavedTabsStore({ dataDir: dir.path });
    const many = Array.from({ length: MAX_SAVED_TABS + 1 }, (_v, i) => ({ title: `Q${i}`, sql: '' }));
    await expect(tabs.save({ profileId: 'p1', tabs: many })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(tabs.save({ profileId: '', tabs: [] })).rejects.toMatchObject({ code: 'VALIDATION' });
    writeFileSync(file(), '{ not json');
    expect(await tabs.get({ profileId: 'p1' })).toEqual([]);
    // Saving starts the file afresh: it holds nothing but tabs.
    await tabs.save({ profileId: 'p1', tabs: [{ title: 'Query', sql: 'SELECT 1' }] });
    expect(await new SavedTabsStore({ dataDir: dir.path }).get({ profileId: 'p1' })).toEqual([{ title: 'Query', sql: 'SELECT 1' }]);
  });

  it('keeps the query tabs of the profile\'s sessions, not table browsers or other profiles', () => {
    const tab = (id: string, profileId: string, sql: string, browserId?: string): QueryTab => ({ id, sessionId: `s-${id}`, profileId, title: id, sql, run: null, resultIndex: 0, error: null, ...(browserId ? { browserId } : {}) });
    const tabs = [tab('a', 'p1', 'SELECT 1'), tab('b', 'p2', 'SELECT 2'), tab('c', 'p1', '', 'browser-1'), tab('d', 'p1', 'SELECT 3')];
    expect(tabsToKeep(tabs, 'p1')).toEqual([{ title: 'a', sql: 'SELECT 1' }, { title: 'd', sql: 'SELECT 3' }]);
    expect(tabsToKeep(tabs, 'p1', 'd')).toEqual([{ title: 'a', sql: 'SELECT 1' }, { title: 'd', sql: 'SELECT 3', active: true }]);
    // Another profile's tab in front marks none of this profile's.
    expect(tabsToKeep(tabs, 'p1', 'b').some((kept) => kept.active)).toBe(false);
  });
});

describe('new tab titles', () => {
  it('take the profile name, then the next free number', () => {
    expect(freeTabTitle([], 'Staging')).toBe('Staging');
    expect(freeTabTitle([{ title: 'Staging' }], 'Staging')).toBe('Staging 2');
    expect(freeTabTitle([{ title: 'Staging' }, { title: 'Staging 2' }, { title: 'Staging 4' }], 'Staging')).toBe('Staging 3');
    expect(freeTabTitle([{ title: 'Other' }], 'Staging')).toBe('Staging');
  });
});
