import { Duplex, PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { TunnelSocket } from '../../../electron/core/ssh/tunnelSocket';

/** Two PassThroughs joined into a Duplex: what we write comes out of `written`, `incoming` feeds reads. */
function fakeChannel() {
  const incoming = new PassThrough();
  const written = new PassThrough();
  const channel = Duplex.from({ readable: incoming, writable: written });
  return { channel, incoming, written };
}

describe('TunnelSocket', () => {
  it('buffers writes until the channel opens, then relays both ways and emits connect', async () => {
    const { channel, incoming, written } = fakeChannel();
    let open!: (d: Duplex) => void;
    const socket = new TunnelSocket(() => new Promise((resolve) => (open = resolve)));
    const connected = new Promise((resolve) => socket.once('connect', resolve));
    socket.connect().setNoDelay();
    socket.write('early');
    expect(socket.connecting).toBe(true);
    open(channel);
    await connected;
    expect(socket.connecting).toBe(false);
    const firstWrite = await new Promise<Buffer>((resolve) => written.once('data', resolve));
    expect(firstWrite.toString()).toBe('early');
    const read = new Promise<Buffer>((resolve) => socket.once('data', resolve));
    incoming.write('reply');
    expect((await read).toString()).toBe('reply');
    socket.destroy();
  });

  it('surfaces a failed open as an error event', async () => {
    const socket = new TunnelSocket(() => Promise.reject(new Error('open failed: administratively prohibited')));
    const error = await new Promise<Error>((resolve) => socket.once('error', resolve));
    expect(error.message).toBe('open failed: administratively prohibited');
    expect(socket.destroyed).toBe(true);
  });

  it('fails a pending write when destroyed before the channel opens', async () => {
    const socket = new TunnelSocket(() => new Promise(() => {}));
    socket.on('error', () => {});
    const writeResult = new Promise<Error | null | undefined>((resolve) => socket.write('x', (error) => resolve(error)));
    socket.destroy();
    expect(await writeResult).toBeInstanceOf(Error);
  });

  it('tells a driver that calls connect() after the channel opened that it is connected', async () => {
    const { channel } = fakeChannel();
    const socket = new TunnelSocket(async () => channel);
    await new Promise((resolve) => socket.once('connect', resolve));
    const late = new Promise((resolve) => socket.once('connect', resolve));
    socket.connect();
    await expect(late).resolves.toBeUndefined();
    socket.destroy();
  });
});
