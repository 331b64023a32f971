import { describe, expect, it } from 'vitest';
import { profileDraftSchema, type Profile } from '../../../shared/profile';
import {
  draftFromForm, emptyForm, emptyHop, formFromProfile, passwordForWritesUnavailable, withEnvironment,
} from '../../../renderer/src/features/connections/profileDraft';
import { environmentTag, profileById } from '../../../renderer/src/features/connections/connectionCue';

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

  it('saving an untouched form keeps every saved field, including ones the form does not show', () => {
    const stored = profileDraftSchema.parse({
      name: 'Rich', engine: 'postgres', host: 'db.internal', port: 6543, database: 'app', user: 'u', passwordPolicy: 'ask',
      colour: '#ff8800', environment: 'production', safeMode: 'confirmWrites', startupSql: 'SET search_path TO app',
      tls: { mode: 'verify-full', ca: { path: '/ca.pem' }, clientCert: { path: '/c.pem' }, clientKey: { path: '/k.pem' }, serverName: 'db.example' },
      defaultRowLimit: 500,
      ssh: {
        keepalive: { intervalSeconds: 30, countMax: 5 }, connectTimeoutSeconds: 45,
        hops: [
          { id: 'h1', name: 'bastion', host: 'b', port: 2222, username: 'u%b%t', auth: [{ type: 'agent', socket: '/a.sock', keyId: 'k' }, { type: 'password', policy: 'ask' }], debugLog: true },
          { id: 'h2', host: 'j', username: 'v', auth: [{ type: 'password', policy: 'none' }] },
        ],
      },
    });
    const { password: _p, clearPassword: _c, hopPasswords: _h, ...fields } = stored;
    const profile = { ...fields, id: 'p1', hasPassword: false, hopsWithPassword: [], createdAt: '', updatedAt: '' } as unknown as Profile;
    const again = profileDraftSchema.parse(draftFromForm(formFromProfile(profile)));
    const { password: _p2, clearPassword: _c2, hopPasswords: _h2, id, ...resaved } = again;
    expect(id).toBe('p1');
    expect(resaved).toEqual(fields);
  });

  it('an edited hop method replaces that hop\'s auth; edited keepalive and client cert are saved', () => {
    const profile = { ...profileDraftSchema.parse({ name: 'E', engine: 'postgres', host: 'h', ssh: { hops: [{ id: 'h1', host: 'b', username: 'u', auth: [{ type: 'agent', socket: '/a.sock' }, { type: 'password', policy: 'ask' }] }] } }), id: 'p', hasPassword: false, hopsWithPassword: [], createdAt: '', updatedAt: '' } as unknown as Profile;
    const form = formFromProfile(profile);
    const edited = { ...form, keepaliveSeconds: '5', clientCertPath: '/new.pem', hops: form.hops.map((hop) => ({ ...hop, method: 'publickey' as const, keyId: 'k9' })) };
    const saved = profileDraftSchema.parse(draftFromForm(edited));
    expect(saved.ssh.hops[0]?.auth).toEqual([{ type: 'publickey', keyId: 'k9' }]);
    expect(saved.ssh.keepalive).toEqual({ intervalSeconds: 5, countMax: 3 });
    expect(saved.tls.clientCert).toEqual({ path: '/new.pem' });
  });

  it('shows the saved environment, colour, safe mode and startup SQL, and saves what is edited there', () => {
    const stored = profileDraftSchema.parse({
      name: 'Shop', engine: 'postgres', host: 'db', colour: '#AA3300', environment: 'staging', safeMode: 'confirmAll', startupSql: 'SET search_path TO shop',
    });
    const { password: _p, clearPassword: _c, hopPasswords: _h, ...fields } = stored;
    const form = formFromProfile({ ...fields, id: 'p1', hasPassword: false, hopsWithPassword: [], createdAt: '', updatedAt: '' } as unknown as Profile);
    expect(form).toMatchObject({ colour: '#aa3300', environment: 'staging', safeMode: 'confirmAll', startupSql: 'SET search_path TO shop' });

    const edited = { ...form, colour: null, environment: 'testing' as const, safeMode: 'passwordForWrites' as const, startupSql: 'SET TIME ZONE \'UTC\'' };
    const saved = profileDraftSchema.parse(draftFromForm(edited));
    expect(saved).toMatchObject({ id: 'p1', colour: null, environment: 'testing', safeMode: 'passwordForWrites', startupSql: "SET TIME ZONE 'UTC'" });
  });

  it('a new connection saves the defaults: no colour, development, safe mode off, no startup SQL', () => {
    const draft = draftFromForm({ ...emptyForm(), name: 'New', host: 'h' });
    expect(draft).toMatchObject({ colour: null, environment: 'development', safeMode: 'silent', startupSql: '' });
    expect(profileDraftSchema.parse(draft)).toMatchObject({ colour: null, environment: 'development', safeMode: 'silent', startupSql: '' });
  });

  it('passes a bad colour through so the core names the colour field', () => {
    const result = profileDraftSchema.safeParse(draftFromForm({ ...emptyForm(), name: 'x', host: 'h', colour: 'red' }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['colour']);
  });
});

describe('choosing an environment in the form', () => {
  it('production turns safe mode from off to confirming changes', () => {
    const form = withEnvironment({ ...emptyForm(), environment: 'development', safeMode: 'silent' }, 'production');
    expect(form.environment).toBe('production');
    expect(form.safeMode).toBe('confirmWrites');
  });

  it('never overrides a safe mode the user chose', () => {
    for (const safeMode of ['confirmAll', 'passwordForWrites', 'confirmWrites'] as const) {
      const form = withEnvironment({ ...emptyForm(), safeMode }, 'production');
      expect(form).toMatchObject({ environment: 'production', safeMode });
    }
  });

  it('other environments leave safe mode alone, and leaving production does not turn it off', () => {
    for (const environment of ['local', 'development', 'testing', 'staging'] as const) {
      expect(withEnvironment({ ...emptyForm(), safeMode: 'silent' }, environment)).toMatchObject({ environment, safeMode: 'silent' });
    }
    const back = withEnvironment(withEnvironment(emptyForm(), 'production'), 'staging');
    expect(back).toMatchObject({ environment: 'staging', safeMode: 'confirmWrites' });
  });

  it('a profile already in production with safe mode off is not changed by choosing production again', () => {
    const form = withEnvironment({ ...emptyForm(), environment: 'production', safeMode: 'silent' }, 'production');
    expect(form.safeMode).toBe('silent');
  });
});

describe('asking for the password before changes', () => {
  it('is unavailable for sqlite and for connections without a password', () => {
    expect(passwordForWritesUnavailable({ engine: 'sqlite', passwordPolicy: 'keychain' })).toMatch(/SQLite/);
    expect(passwordForWritesUnavailable({ engine: 'postgres', passwordPolicy: 'none' })).toMatch(/no password/);
    expect(passwordForWritesUnavailable({ engine: 'postgres', passwordPolicy: 'keychain' })).toBeNull();
    expect(passwordForWritesUnavailable({ engine: 'mysql', passwordPolicy: 'ask' })).toBeNull();
  });
});

describe('connection cues', () => {
  it('tags production and staging only', () => {
    expect(['local', 'development', 'testing', 'staging', 'production'].map((e) => environmentTag(e as Profile['environment'])))
      .toEqual([null, null, null, 'STAGING', 'PROD']);
  });

  it('finds a session\'s profile only in a loaded list', () => {
    const profile = { id: 'p2', name: 'Two' } as Profile;
    expect(profileById({ status: 'ready', profiles: [{ id: 'p1' } as Profile, profile] }, 'p2')).toBe(profile);
    expect(profileById({ status: 'ready', profiles: [profile] }, 'p9')).toBeUndefined();
    expect(profileById({ status: 'loading' }, 'p2')).toBeUndefined();
    expect(profileById({ status: 'ready', profiles: [profile] }, undefined)).toBeUndefined();
  });
});
