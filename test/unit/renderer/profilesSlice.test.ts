import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../shared/profile';
import { groupProfiles, profilesStateFor, searchProfiles } from '../../../renderer/src/store/profilesSlice';

const profile = (name: string, group: string[]): Profile => ({ id: name, name, group } as unknown as Profile);

describe('profiles slice', () => {
  it('groups profiles by path, ungrouped first, keeping order within a group', () => {
    const groups = groupProfiles([profile('a', ['prod']), profile('b', []), profile('c', ['prod']), profile('d', ['prod', 'eu'])]);
    expect(groups.map((g) => [g.path.join('/'), g.profiles.map((p) => p.name)])).toEqual([
      ['', ['b']],
      ['prod', ['a', 'c']],
      ['prod/eu', ['d']],
    ]);
  });

  it('maps list results to state', () => {
    expect(profilesStateFor({ ok: true, value: [] })).toEqual({ status: 'ready', profiles: [] });
    expect(profilesStateFor({ ok: false, error: { code: 'STORE_CORRUPT', message: 'x' } })).toEqual({ status: 'failed', error: { code: 'STORE_CORRUPT', message: 'x' } });
  });

  it('searches name, group, engine, host, database, user and hops, every word in any case', () => {
    const full = (name: string, extra: Partial<Profile>): Profile => ({
      id: name, name, group: [], engine: 'postgres', host: '', database: '', user: '', ssh: { hops: [] }, ...extra,
    } as unknown as Profile);
    const profiles = [
      full('Billing', { group: ['Prod'], host: '10.0.0.5', ssh: { hops: [{ host: 'bastion.acme.io', name: 'jump' }] } as unknown as Profile['ssh'] }),
      full('Analytics', { engine: 'mariadb', database: 'events', user: 'ana' }),
      full('Sample', { engine: 'sqlite' }),
    ];
    const names = (query: string) => searchProfiles(profiles, query).map((p) => p.name);
    expect(names('')).toEqual(['Billing', 'Analytics', 'Sample']);
    expect(names('  prod ')).toEqual(['Billing']);
    expect(names('BASTION')).toEqual(['Billing']);
    expect(names('jump 10.0')).toEqual(['Billing']);
    expect(names('maria events')).toEqual(['Analytics']);
    expect(names('maria prod')).toEqual([]);
    expect(names('sqlite')).toEqual(['Sample']);
  });
});
