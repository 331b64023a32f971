import { describe, expect, it } from 'vitest';
import { BurrowError } from '../../../shared/errors';
import { PromptHub, type PendingPrompt } from '../../../electron/core/prompts/promptHub';

const hop = { index: 1, count: 1, host: 'h', port: 22 };

describe('PromptHub', () => {
  it('publishes a request with an id and resolves it with the answer', async () => {
    const published: PendingPrompt[] = [];
    const hub = new PromptHub((p) => published.push(p));
    const answer = hub.ask({ kind: 'keyboardInteractive', hop, round: 1, name: '', instructions: '', prompts: [{ prompt: 'OTP', echo: true }] });
    expect(published).toHaveLength(1);
    expect(hub.list()).toEqual(published);
    hub.answer(published[0]!.id, ['123456']);
    await expect(answer).resolves.toEqual(['123456']);
    expect(hub.list()).toEqual([]);
  });

  it('rejects answers of the wrong shape, keeping the prompt open', () => {
    const published: PendingPrompt[] = [];
    const hub = new PromptHub((p) => published.push(p));
    void hub.ask({ kind: 'hostKey', hop, keyType: 'ssh-ed25519', fingerprint: 'SHA256:x' });
    const id = published[0]!.id;
    expect(() => hub.answer(id, 'yes please')).toThrow(BurrowError);
    expect(() => hub.answer('nope', 'reject')).toThrow(/no open prompt/);
    expect(hub.list()).toHaveLength(1);
  });

  it('cancels every open prompt with the kind-appropriate refusal', async () => {
    const retracted: string[] = [];
    const hub = new PromptHub(() => {}, (id) => retracted.push(id));
    const hostKey = hub.ask({ kind: 'hostKey', hop, keyType: 'ssh-ed25519', fingerprint: 'SHA256:x' });
    const password = hub.ask({ kind: 'password', hop, username: 'u' });
    hub.cancelAll();
    await expect(hostKey).resolves.toBe('reject');
    await expect(password).resolves.toBeNull();
    expect(retracted).toHaveLength(2);
  });
});
