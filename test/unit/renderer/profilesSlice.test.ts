import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../shared/profile';
import { groupProfiles, profilesStateFor } from '../../../renderer/src/store/profilesSlice';

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
});
