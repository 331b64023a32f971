import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PausableDeadline } from '../../../electron/core/ssh/deadline';
import { openFailureReason } from '../../../electron/core/ssh/openFailure';
import { defaultAgentSocket } from '../../../electron/core/ssh/agents';

describe('PausableDeadline', () => {
  // The deadline counts on the monotonic clock, so that is faked too.
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('expires after its time, not counting paused time', async () => {
    const expired = vi.fn();
    const deadline = new PausableDeadline(1_000, expired);
    vi.advanceTimersByTime(600);
    const prompt = deadline.whilePaused(() => new Promise((resolve) => setTimeout(resolve, 5_000)));
    await vi.advanceTimersByTimeAsync(5_000);
    await prompt;
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(399);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('never fires once cancelled', () => {
    const expired = vi.fn();
    new PausableDeadline(100, expired).cancel();
    vi.advanceTimersByTime(1_000);
    expect(expired).not.toHaveBeenCalled();
  });
});

describe('channel open failures and agent discovery', () => {
  it('names the RFC 4254 reason next to the server text', () => {
    expect(openFailureReason(Object.assign(new Error('(SSH) Channel open failure: open failed'), { reason: 1 }))).toBe('open failed [administratively prohibited]');
    expect(openFailureReason(Object.assign(new Error('(SSH) Channel open failure: Connection refused'), { reason: 2 }))).toBe('Connection refused [connect failed]');
  });

  it('finds the agent from SSH_AUTH_SOCK, or the Windows pipe', () => {
    expect(defaultAgentSocket({ SSH_AUTH_SOCK: '/tmp/a.sock' }, 'linux')).toBe('/tmp/a.sock');
    expect(defaultAgentSocket({}, 'linux')).toBeNull();
    expect(defaultAgentSocket({}, 'win32')).toBe('\\\\.\\pipe\\openssh-ssh-agent');
  });
});
