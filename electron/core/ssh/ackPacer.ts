import { createRequire } from 'node:module';
import type { Client } from 'ssh2';

const require = createRequire(import.meta.url);
const { windowAdjust, MAX_WINDOW } = require('ssh2/lib/Channel.js') as {
  windowAdjust(channel: unknown): void;
  MAX_WINDOW: number;
};
const { sendPacket } = require('ssh2/lib/protocol/utils.js') as { sendPacket(protocol: unknown, packet: Buffer): boolean };

const SSH_MSG_IGNORE = 2;

interface ChannelInternals {
  incoming: { window: number };
  outgoing: { state: string };
  _waitChanDrain?: boolean;
}

interface ClientInternals {
  _sock?: NodeJS.EventEmitter;
  _protocol?: {
    _cipher?: { outSeqno: number };
    _packetRW?: { write: { allocStart: number; alloc(size: number): Buffer; finalize(packet: Buffer): Buffer } };
  };
}

/**
 * Removes the ~40 ms stall on responses that reach us in more than one TCP segment. sshd leaves
 * Nagle on for forward-only sessions, so it holds back each later segment of a response until the
 * earlier one is ACKed, while our side's delayed ACK waits up to 40 ms for something to piggyback
 * on. On loopback and fast links that is any response the server writes in two goes (PostgreSQL
 * flushes after Describe and again after Execute) or that is larger than a few KiB.
 *
 * After each burst of reads from a hop's transport, if we sent nothing since the last read, every
 * channel that consumed data gets its window adjust right away (not when half the window is used):
 * one small packet that refills the window and carries the ACK at once. When something was sent
 * (a driver answering at once, as a query loop does), that packet already carried the ACK, so the
 * pacer adds nothing. Channels under backpressure get no window.
 *
 * A burst that brought no channel data to adjust for (a channel's CLOSE, sshd's host-key
 * announcement after login, a keepalive reply) needs its ACK as much: sshd's next packet, say the
 * confirmation of a channel we are opening, is otherwise held for our delayed ACK (40 ms). Then
 * the carrier is an SSH_MSG_IGNORE, which the server discards.
 */
export class AckPacer {
  private readonly channels = new Set<ChannelInternals>();
  private pass: NodeJS.Immediate | null = null;
  /** The transport's outgoing packet sequence number at the latest read. */
  private sentAtRead = -1;

  constructor(private readonly client: Client) {
    const transport = (client as unknown as ClientInternals)._sock as (NodeJS.EventEmitter & { write?: (...args: unknown[]) => boolean }) | undefined;
    if (!transport) return;
    // Prepended, so the count is taken before ssh2 hands the data on and a driver answers it.
    transport.prependListener('data', () => {
      this.sentAtRead = this.packetsSent();
      this.schedule();
    });
    // A driver that answers in the same tick (a query loop) sends the ACK itself: the pass is
    // called off before the event loop turns, so a request-response loop pays no extra turn.
    const write = transport.write;
    if (typeof write === 'function') {
      transport.write = (...args: unknown[]): boolean => {
        if (this.pass) {
          clearImmediate(this.pass);
          this.pass = null;
        }
        return write.apply(transport, args);
      };
    }
  }

  track(channel: object): void {
    const internals = channel as unknown as ChannelInternals;
    this.channels.add(internals);
    (channel as NodeJS.EventEmitter).once('close', () => this.channels.delete(internals));
  }

  /** ssh2's outgoing sequence number: it moves with every packet we send on this transport (rekeys keep counting). */
  private packetsSent(): number {
    return (this.client as unknown as ClientInternals)._protocol?._cipher?.outSeqno ?? -1;
  }

  private schedule(): void {
    this.pass ??= setImmediate(() => {
      this.pass = null;
      if (this.packetsSent() === this.sentAtRead) this.adjustConsumed();
    });
  }

  /**
   * Adjusts every open channel that consumed data since its last adjust, in one write to the
   * transport; with none to adjust, sends an SSH_MSG_IGNORE so the ACK still leaves.
   */
  private adjustConsumed(): void {
    const transport = (this.client as unknown as { _sock?: NodeJS.WritableStream & { cork?(): void; uncork?(): void } })._sock;
    transport?.cork?.();
    try {
      let adjusted = false;
      for (const channel of this.channels) {
        if (channel.outgoing.state !== 'open' || channel._waitChanDrain || channel.incoming.window >= MAX_WINDOW) continue;
        windowAdjust(channel);
        adjusted = true;
      }
      if (!adjusted) this.sendIgnore();
    } finally {
      transport?.uncork?.();
    }
  }

  /** An SSH_MSG_IGNORE with empty data, through ssh2's packet writer (queued by ssh2 during a key exchange). */
  private sendIgnore(): void {
    const protocol = (this.client as unknown as ClientInternals)._protocol;
    const writer = protocol?._packetRW?.write;
    if (!writer) return;
    const start = writer.allocStart;
    const packet = writer.alloc(1 + 4);
    packet[start] = SSH_MSG_IGNORE;
    packet.writeUInt32BE(0, start + 1);
    sendPacket(protocol, writer.finalize(packet));
  }
}
