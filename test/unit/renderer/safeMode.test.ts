import { afterEach, describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { Profile } from '../../../shared/profile';
import { safeModeAsk } from '../../../renderer/src/features/safety/safeModeAsk';
import { createProfilesSlice, type ProfilesSlice } from '../../../renderer/src/store/profilesSlice';
import { createSafetySlice, type SafetySlice } from '../../../renderer/src/store/safetySlice';
import { createSessionsSlice, type SessionsSlice } from '../../../renderer/src/store/sessionsSlice';
import { describeEdit } from '../../../renderer/src/store/tableEditSlice';

const prod = { name: 'Billing', environment: 'production' as const };
const read = { text: 'SELECT 1', writes: false };
const write = { text: 'UPDATE t SET a = 1', writes: true };

describe('safe mode', () => {
  afterEach(() => {
    delete (globalThis as { burrow?: unknown }).burrow;
  });

  it('asks about writes only, every run, or for the password, as the profile says', () => {
    expect(safeModeAsk({ ...prod, safeMode: 'silent' }, [write])).toBeNull();
    expect(safeModeAsk({ ...prod, safeMode: 'confirmWrites' }, [read, read])).toBeNull();
    expect(safeModeAsk({ ...prod, safeMode: 'confirmWrites' }, [read, write])).toEqual({ kind: 'confirm', title: 'Run 1 statement that may change data on Billing (production)?', statements: ['UPDATE t SET a = 1'] });
    expect(safeModeAsk({ ...prod, safeMode: 'confirmAll' }, [read, read])).toEqual({ kind: 'confirm', title: 'Run 2 statements on Billing (production)?', statements: ['SELECT 1', 'SELECT 1'] });
    expect(safeModeAsk({ ...prod, safeMode: 'passwordForWrites' }, [write, write])?.kind).toBe('password');
    expect(safeModeAsk({ ...prod, safeMode: 'passwordForWrites' }, [read])).toBeNull();
  });

  it('shows a table edit as the statement it stands for', () => {
    expect(describeEdit('items', { kind: 'update', key: { id: '1' }, set: { name: "O'Neil", note: null } })).toBe("UPDATE items SET name = 'O''Neil', note = NULL WHERE id = '1'");
    expect(describeEdit('items', { kind: 'delete', key: { a: '1', b: '2' } })).toBe("DELETE FROM items WHERE a = '1' AND b = '2'");
    expect(describeEdit('items', { kind: 'insert', values: {} })).toBe('INSERT INTO items DEFAULT VALUES');
  });

  it('holds a run until the user answers; a password goes to core, and a wrong one keeps asking', async () => {
    const checked: string[] = [];
    (globalThis as { burrow?: unknown }).burrow = {
      sessions: { checkPassword: async ({ password }: { password: string }) => (checked.push(password), { ok: true, value: { matches: password === 'right' } }) },
    };
    const store = create<SafetySlice & SessionsSlice & ProfilesSlice>()((...args) => ({ ...createProfilesSlice(...args), ...createSessionsSlice(...args), ...createSafetySlice(...args) }));
    store.setState({
      sessions: { s1: { sessionId: 's1', profileId: 'p1', profileName: 'Billing', engine: 'postgres', serverVersion: '16', database: 'db', tls: false, hops: 1, state: 'ready' } },
      profiles: { status: 'ready', profiles: [{ id: 'p1', name: 'Billing', environment: 'production', safeMode: 'passwordForWrites' } as Profile] },
    });
    expect(await store.getState().guardRun('s1', () => [read])).toBe(true);
    expect(await store.getState().guardRun('unknown-session', () => [write])).toBe(true);
    // With safe mode off, the run's SQL is not even classed.
    store.setState((state) => ({
      sessions: { ...state.sessions, s2: { ...state.sessions.s1!, sessionId: 's2', profileId: 'p2' } },
      profiles: { status: 'ready', profiles: [...(state.profiles.status === 'ready' ? state.profiles.profiles : []), { id: 'p2', name: 'Dev', environment: 'development', safeMode: 'silent' } as Profile] },
    }));
    expect(await store.getState().guardRun('s2', () => { throw new Error('classed with safe mode off'); })).toBe(true);

    const declined = store.getState().guardRun('s1', () => [write]);
    expect(store.getState().safeModeAsk).toMatchObject({ kind: 'password', statements: ['UPDATE t SET a = 1'] });
    await store.getState().answerSafeMode({ go: false });
    expect(await declined).toBe(false);
    expect(store.getState().safeModeAsk).toBeNull();

    const allowed = store.getState().guardRun('s1', () => [write]);
    await store.getState().answerSafeMode({ go: true, password: 'wrong' });
    expect(store.getState().safeModeAsk?.error).toBe('That is not the password this connection logged in with.');
    await store.getState().answerSafeMode({ go: true, password: 'right' });
    expect(await allowed).toBe(true);
    expect(checked).toEqual(['wrong', 'right']);
  });
});
