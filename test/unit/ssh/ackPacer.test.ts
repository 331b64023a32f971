import { EventEmitter } from 'node:events';
import type { Client } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { AckPacer } from '../../../electron/core/ssh/ackPacer';

const MAX_WINDOW = 2 * 1024 * 1024;

/** The parts of an ssh2 Client and Channel the pacer reads: the transport, the packet counter, the windows. */
function fakeHop() {
  const adjusts: { id: number; bytes: number }[] = [];
  /** Payloads of the packets the pacer built itself (through ssh2's packet writer and sendPacket). */
  const sent: Buffer[] = [];
  const protocol = {
    _cipher: {
      outSeqno: 7,
      encrypt(packet: Buffer) {
        sent.push(Buffer.from(packet));
        this.outSeqno++;
      },
    },
    _packetRW: { write: { allocStart: 0, alloc: (size: number) => Buffer.alloc(size), finalize: (packet: Buffer) => packet } },
    channelWindowAdjust(id: number, bytes: number) {
      adjusts.push({ id, bytes });
      this._cipher.outSeqno++;
    },
  };
  const transport = new EventEmitter();
  const client = { _sock: transport, _protocol: protocol } as unknown as Client;
  const channel = (id: number, consumed: number) =>
    Object.assign(new EventEmitter(), { outgoing: { id, state: 'open' }, incoming: { window: MAX_WINDOW - consumed }, _client: client, _waitChanDrain: false });
  const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
  return { adjusts, sent, protocol, transport, client, channel, tick };
}

describe('AckPacer', () => {
  it('after a read that nothing answered, adjusts each channel that consumed data (the packet carries the ACK)', async () => {
    const hop = fakeHop();
    const pacer = new AckPacer(hop.client);
    const small = hop.channel(1, 87);
    const idle = hop.channel(2, 0);
    pacer.track(small);
    pacer.track(idle);
    hop.transport.emit('data', Buffer.alloc(120));
    expect(hop.adjusts).toEqual([]);
    await hop.tick();
    expect(hop.adjusts).toEqual([{ id: 1, bytes: 87 }]);
    expect(small.incoming.window).toBe(MAX_WINDOW);
  });

  it('sends nothing when a packet left after the read: it already carried the ACK', async () => {
    const hop = fakeHop();
    const pacer = new AckPacer(hop.client);
    pacer.track(hop.channel(1, 5000));
    hop.transport.emit('data', Buffer.alloc(5100));
    hop.protocol._cipher.outSeqno++; // the driver sent its next query in the same tick
    await hop.tick();
    expect(hop.adjusts).toEqual([]);
    expect(hop.sent).toEqual([]);
  });

  it('a write to the transport in the same tick calls the pass off, and a later unanswered read is paced again', async () => {
    const hop = fakeHop();
    const written: Buffer[] = [];
    Object.assign(hop.transport, { write: (chunk: Buffer) => written.push(chunk) > 0 });
    const pacer = new AckPacer(hop.client);
    pacer.track(hop.channel(4, 900));
    hop.transport.emit('data', Buffer.alloc(900));
    // The packet counter does not move here: only the write tells the pacer that bytes left.
    (hop.transport as unknown as { write(chunk: Buffer): boolean }).write(Buffer.from('next query'));
    await hop.tick();
    expect(written).toEqual([Buffer.from('next query')]);
    expect(hop.adjusts).toEqual([]);
    expect(hop.sent).toEqual([]);
    hop.transport.emit('data', Buffer.alloc(10));
    await hop.tick();
    expect(hop.adjusts).toEqual([{ id: 4, bytes: 900 }]);
  });

  it('counts from the latest read: a later read with no answer is still paced', async () => {
    const hop = fakeHop();
    const pacer = new AckPacer(hop.client);
    pacer.track(hop.channel(3, 300));
    hop.transport.emit('data', Buffer.alloc(100));
    hop.protocol._cipher.outSeqno++;
    hop.transport.emit('data', Buffer.alloc(200));
    await hop.tick();
    expect(hop.adjusts).toEqual([{ id: 3, bytes: 300 }]);
  });

  it('leaves channels under backpressure, closing channels and closed channels alone', async () => {
    const hop = fakeHop();
    const pacer = new AckPacer(hop.client);
    const blocked = Object.assign(hop.channel(1, 4000), { _waitChanDrain: true });
    const closing = hop.channel(2, 4000);
    closing.outgoing.state = 'closing';
    const gone = hop.channel(3, 4000);
    for (const channel of [blocked, closing, gone]) pacer.track(channel);
    gone.emit('close');
    hop.transport.emit('data', Buffer.alloc(4000));
    await hop.tick();
    expect(hop.adjusts).toEqual([]);
    // No window for them, but the read still gets its ACK: an SSH_MSG_IGNORE.
    expect(hop.sent).toEqual([Buffer.from([2, 0, 0, 0, 0])]);
  });

  it('a read that brought no channel data (a CLOSE, sshd\'s host keys) still gets its ACK: one SSH_MSG_IGNORE', async () => {
    const hop = fakeHop();
    const pacer = new AckPacer(hop.client);
    pacer.track(hop.channel(1, 0));
    hop.transport.emit('data', Buffer.alloc(36));
    hop.transport.emit('data', Buffer.alloc(628));
    await hop.tick();
    expect(hop.adjusts).toEqual([]);
    expect(hop.sent).toEqual([Buffer.from([2, 0, 0, 0, 0])]);
    // Answered reads need nothing: the answer carried the ACK.
    hop.transport.emit('data', Buffer.alloc(36));
    hop.protocol._cipher.outSeqno++;
    await hop.tick();
    expect(hop.sent).toHaveLength(1);
  });

  it('schedules one pass for a burst of reads', async () => {
    const hop = fakeHop();
    const pacer = new AckPacer(hop.client);
    const channel = hop.channel(1, 0);
    pacer.track(channel);
    for (let i = 0; i < 5; i++) {
      channel.incoming.window -= 1000;
      hop.transport.emit('data', Buffer.alloc(1000));
    }
    await hop.tick();
    expect(hop.adjusts).toEqual([{ id: 1, bytes: 5000 }]);
  });

  it('sends the adjusts of several channels in one write: the transport is corked around them', async () => {
    const hop = fakeHop();
    const events: string[] = [];
    Object.assign(hop.transport, { cork: () => events.push('cork'), uncork: () => events.push('uncork') });
    const protocol = hop.protocol as { channelWindowAdjust(id: number, bytes: number): void };
    const adjust = protocol.channelWindowAdjust.bind(protocol);
    protocol.channelWindowAdjust = (id, bytes) => {
      events.push(`adjust ${id}`);
      adjust(id, bytes);
    };
    const pacer = new AckPacer(hop.client);
    pacer.track(hop.channel(1, 100));
    pacer.track(hop.channel(2, 200));
    hop.transport.emit('data', Buffer.alloc(300));
    await hop.tick();
    expect(events).toEqual(['cork', 'adjust 1', 'adjust 2', 'uncork']);
  });
});
