import type { Client } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { dropHostKeyAnnouncements } from '../../../electron/core/ssh/hostKeyAnnouncements';

function fakeClient() {
  const handled: string[] = [];
  const replies: string[] = [];
  const protocol = {
    _handlers: { GLOBAL_REQUEST: (_packet: unknown, name: string) => void handled.push(name) },
    requestSuccess: () => void replies.push('success'),
  };
  return { client: { _protocol: protocol } as unknown as Client, protocol, handled, replies };
}

describe('dropHostKeyAnnouncements', () => {
  it('drops hostkeys-00 announcements (answering only when asked) and passes every other global request on', () => {
    const fake = fakeClient();
    dropHostKeyAnnouncements(fake.client);
    const handle = fake.protocol._handlers.GLOBAL_REQUEST as (packet: unknown, name: string, wantReply: boolean, data: unknown) => void;
    handle(null, 'hostkeys-00@openssh.com', false, []);
    expect(fake.handled).toEqual([]);
    expect(fake.replies).toEqual([]);
    handle(null, 'hostkeys-00@openssh.com', true, []);
    expect(fake.replies).toEqual(['success']);
    handle(null, 'keepalive@openssh.com', true, null);
    expect(fake.handled).toEqual(['keepalive@openssh.com']);
  });

  it('leaves a client without ssh2 internals alone', () => {
    expect(() => dropHostKeyAnnouncements({} as Client)).not.toThrow();
  });
});
