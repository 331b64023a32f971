import { describe, expect, it } from 'vitest';
import { evaluateMatch, type MatchState } from '../../../electron/core/store/imports/sshConfigMatch';

const state: MatchState = { alias: 'db', host: 'db.internal.example', user: 'deploy', localUser: 'me' };

describe('ssh_config Match criteria', () => {
  it('tests host against HostName, originalhost against the alias, and needs every criterion', () => {
    expect(evaluateMatch(['all'], state)).toBe(true);
    expect(evaluateMatch(['host', '*.internal.example'], state)).toBe(true);
    expect(evaluateMatch(['host', 'db'], state)).toBe(false);
    expect(evaluateMatch(['originalhost', 'db'], state)).toBe(true);
    expect(evaluateMatch(['originalhost', 'web,db', 'user', 'deploy'], state)).toBe(true);
    expect(evaluateMatch(['originalhost', 'db', 'user', 'root'], state)).toBe(false);
    expect(evaluateMatch(['localuser', 'm?'], state)).toBe(true);
  });

  it('negates with ! and honours negated patterns inside a list', () => {
    expect(evaluateMatch(['!user', 'root'], state)).toBe(true);
    expect(evaluateMatch(['!originalhost', 'db'], state)).toBe(false);
    expect(evaluateMatch(['host', '*.example,!db.*'], state)).toBe(false);
    expect(evaluateMatch(['!all'], state)).toBe(false);
  });

  it('reads the config as the final pass: canonical and final hold', () => {
    expect(evaluateMatch(['final', 'user', 'deploy'], state)).toBe(true);
    expect(evaluateMatch(['canonical'], state)).toBe(true);
  });

  it('never runs exec: unknown unless another criterion already fails; malformed lines are unknown', () => {
    expect(evaluateMatch(['exec', 'test -f /x'], state)).toBe('unknown');
    expect(evaluateMatch(['user', 'deploy', 'exec', 'true'], state)).toBe('unknown');
    expect(evaluateMatch(['exec', 'true', 'user', 'root'], state)).toBe(false);
    expect(evaluateMatch(['localnetwork', '10.0.0.0/8'], state)).toBe('unknown');
    expect(evaluateMatch(['host'], state)).toBe('unknown');
  });
});
