import { afterEach, describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { errorsAfterEdit, fieldErrorsOf, fieldErrorSummary, formFieldOf } from '../../../renderer/src/features/connections/formFieldErrors';
import { emptyForm, emptyHop, type ProfileForm } from '../../../renderer/src/features/connections/profileDraft';
import { createEditorSlice, type EditorSlice } from '../../../renderer/src/store/editorSlice';
import type { ProfilesSlice } from '../../../renderer/src/store/profilesSlice';

const hops = [{ ...emptyHop(), id: 'h1' }, { ...emptyHop(), id: 'h2' }];

describe('marking the connection form\'s wrong fields', () => {
  it('maps core validation paths to the form\'s fields, hops by position and hop passwords by id', () => {
    expect(['name', 'port', 'draft.port', 'tls.ca.path', 'tls', 'ssh.keepalive.countMax', 'ssh.keepalive.intervalSeconds', 'ssh.connectTimeoutSeconds',
      'ssh.hops.1.port', 'ssh.hops.0.auth.0.keyId', 'ssh.hops', 'hopPasswords.h2', 'group.3', 'nonsense', ''].map((path) => formFieldOf(path, hops)))
      .toEqual(['name', 'port', 'port', 'caPath', 'tlsMode', 'keepaliveCount', 'keepaliveSeconds', 'connectTimeoutSeconds',
        'hop:1:port', 'hop:0:auth', 'hops', 'hop:1:auth', 'group', null, null]);
  });

  it('reads every issue of a VALIDATION error (or its one field), and sums them up in one line', () => {
    const error = { code: 'VALIDATION' as const, message: 'profiles.save: port: port must be between 1 and 65535', detail: {
      field: 'port',
      issues: [{ field: 'port', message: 'port must be between 1 and 65535' }, { field: 'ssh.hops.0.port', message: 'port must be a number' }, { field: 'mystery', message: 'x' }],
    } };
    const errors = fieldErrorsOf(error, hops);
    expect(errors).toEqual({ port: 'port must be between 1 and 65535', 'hop:0:port': 'port must be a number' });
    expect(fieldErrorSummary(error, errors)).toBe('VALIDATION: Port: port must be between 1 and 65535 (1 more marked above)');
    expect(fieldErrorsOf({ code: 'VALIDATION', message: 'sessions.diagnose: draft.host: host is invalid', detail: { field: 'draft.host' } }, hops)).toEqual({ host: 'host is invalid' });
    const other = { code: 'SSH_AUTH_FAILED' as const, message: 'hop 1/1: refused' };
    expect(fieldErrorsOf(other, hops)).toEqual({});
    expect(fieldErrorSummary(other, {})).toBe('SSH_AUTH_FAILED: hop 1/1: refused');
  });

  it('an edit clears the error of the field it changed, and a removed hop\'s errors go with it', () => {
    const before: ProfileForm = { ...emptyForm(), port: '70000', name: '', hops };
    const errors = { port: 'bad', name: 'required', 'hop:0:port': 'bad', 'hop:1:host': 'bad' };
    expect(errorsAfterEdit(errors, before, { ...before, port: '5432' })).toEqual({ name: 'required', 'hop:0:port': 'bad', 'hop:1:host': 'bad' });
    // Hop 1 removed: hop 2's error moves to index 0.
    expect(errorsAfterEdit(errors, before, { ...before, hops: [hops[1]!] })).toEqual({ port: 'bad', name: 'required', 'hop:0:host': 'bad' });
    expect(errorsAfterEdit(errors, before, { ...before, hops: [{ ...hops[0]!, port: '2222' }, hops[1]!] })).toEqual({ port: 'bad', name: 'required', 'hop:1:host': 'bad' });
  });
});

describe('the form\'s store', () => {
  afterEach(() => {
    delete (globalThis as { burrow?: unknown }).burrow;
  });

  it('a refused save marks the fields and counts the refusal; fixing a field clears only its mark', async () => {
    (globalThis as { burrow?: unknown }).burrow = {
      keys: { list: async () => ({ ok: true, value: [] }) },
      profiles: { save: async () => ({ ok: false, error: { code: 'VALIDATION', message: 'profiles.save: name: name is required', detail: { field: 'name', issues: [{ field: 'name', message: 'name is required' }, { field: 'defaultRowLimit', message: 'defaultRowLimit must be between 1 and 1000000' }] } } }) },
    };
    const store = create<EditorSlice & ProfilesSlice>()((...args) => ({ ...createEditorSlice(...args), loadProfiles: async () => {} }) as EditorSlice & ProfilesSlice);
    store.getState().openEditor({ ...emptyForm(), host: 'h', defaultRowLimit: '0' });
    expect(await store.getState().saveEditor()).toBe(false);
    const editor = store.getState().editor!;
    expect(editor.fieldErrors).toEqual({ name: 'name is required', defaultRowLimit: 'defaultRowLimit must be between 1 and 1000000' });
    expect(editor.error).toBe('VALIDATION: Name: name is required (1 more marked above)');
    expect(editor.refusals).toBe(1);
    store.getState().updateEditor((form) => ({ ...form, name: 'Fixed' }));
    expect(store.getState().editor!.fieldErrors).toEqual({ defaultRowLimit: 'defaultRowLimit must be between 1 and 1000000' });
  });
});
