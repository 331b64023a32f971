import { createRequire } from 'node:module';
import type { Client } from 'ssh2';

const require = createRequire(import.meta.url);
const { windowAdjust, MAX_WINDOW } = require('ssh2/lib/Channel.js') as {
  windowAdjust(channel: unknown): void;
  MAX_WINDOW: number;
};

interface ChannelInternals {
  incoming: { window: number };
  outgoing: { state: string };
  _waitChanDrain?: boolean;
}

interface ClientInternals {
  _sock?: NodeJS.EventEmitter;
  _protocol?: { _cipher?: { outSeqno: number } };
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
 * pacer adds nothing. Channels under backpressure are left alone.
 */
export class AckPacer {
  private readonly channels = new Set<ChannelInternals>();
  private scheduled = false;
  /** The transport's outgoing packet sequence number at the latest read. */
  private sentAtRead = -1;

  constructor(private readonly client: Client) {
    const transport = (client as unknown as ClientInternals)._sock;
    // Prepended, so the count is taken before ssh2 hands the data on and a driver answers it.
    transport?.prependListener('data', () => {
      this.sentAtRead = this.packetsSent();
      this.schedule();
    });
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
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.packetsSent() === this.sentAtRead) this.adjustConsumed();
    });
  }

  /** Adjusts every open channel that consumed data since its last adjust, in one write to the transport. */
  private adjustConsumed(): void {
    const transport = (this.client as unknown as { _sock?: NodeJS.WritableStream & { cork?(): void; uncork?(): void } })._sock;
    transport?.cork?.();
    try {
      for (const channel of this.channels) {
        if (channel.outgoing.state !== 'open' || channel._waitChanDrain || channel.incoming.window >= MAX_WINDOW) continue;
        windowAdjust(channel);
      }
    } finally {
      transport?.uncork?.();
    }
  }
}
