import { describe, expect, it } from 'vitest';
import { profileDraftSchema, type Profile } from '../../../shared/profile';
import { draftFromForm, emptyForm, emptyHop, formFromProfile } from '../../../renderer/src/features/connections/profileDraft';

describe('connection form <-> profiles.save payload', () => {
  it('builds a payload the shared schema accepts, with hop auth and write-only secrets', () => {
    const hop = { ...emptyHop(), host: 'bastion.example', port: '2222', username: 'alice%bastion%db', method: 'publickey+keyboard-interactive' as const, keyId: 'k1' };
    const pwHop = { ...emptyHop(), host: 'jump', username: 'bob', method: 'password' as const, password: 's3cret' };
    const form = { ...emptyForm(), name: 'Prod', group: 'Clients / ACME', host: '10.1.2.3', port: '5432', database: 'app', user: 'u', password: 'dbpw', hops: [hop, pwHop] };
    const draft = draftFromForm(form);
    const parsed = profileDraftSchema.parse(draft);
    expect(parsed.group).toEqual(['Clients', 'ACME']);
    expect(parsed.port).toBe(5432);
    expect(parsed.ssh.hops[0]).toMatchObject({ host: 'bastion.example', port: 2222, username: 'alice%bastion%db', auth: [{ type: 'publickey', keyId: 'k1' }, { type: 'keyboard-interactive' }] });
    expect(parsed.hopPasswords).toEqual({ [pwHop.id]: 's3cret' });
    expect(parsed.password).toBe('dbpw');
  });

  it('passes bad numbers through so the core names the field', () => {
    const result = profileDraftSchema.safeParse(draftFromForm({ ...emptyForm(), name: 'x', host: 'h', port: '70000' }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['port']);
  });

  it('round-trips a stored profile into the form without secrets', () => {
    const parsed = profileDraftSchema.parse(draftFromForm({ ...emptyForm(), name: 'R', host: 'h', hops: [{ ...emptyHop(), host: 'b', username: 'u', method: 'agent', agentSocket: '/tmp/agent.sock' }] }));
    const profile = { ...parsed, id: 'p1', hasPassword: true, hopsWithPassword: [], createdAt: '', updatedAt: '' } as unknown as Profile;
    const form = formFromProfile(profile);
    expect(form).toMatchObject({ id: 'p1', name: 'R', password: '', hops: [{ host: 'b', method: 'agent', agentSocket: '/tmp/agent.sock' }] });
  });
});
