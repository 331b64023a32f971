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

/**
 * Removes the ~40 ms stall on every response larger than a few TCP segments. sshd leaves Nagle on
 * for forward-only sessions, so it holds the tail of a response until the previous segment is
 * ACKed, while our side's delayed ACK waits up to 40 ms for something to piggyback on. After each
 * burst of reads from a hop's transport we send the channel window adjust right away (instead of
 * when half the window is used), which both refills the window and carries the ACK at once.
 * Channels under backpressure, and channels that consumed less than ACK_PACING_MIN_BYTES since
 * their last adjust, are left alone: a response that small fits in one segment, so Nagle has
 * nothing to hold back, and an extra packet per tiny reply would only double the packet count.
 */
export const ACK_PACING_MIN_BYTES = 2048;

export class AckPacer {
  private readonly channels = new Set<ChannelInternals>();
  private scheduled = false;

  constructor(client: Client) {
    const transport = (client as unknown as { _sock?: NodeJS.EventEmitter })._sock;
    transport?.on('data', () => this.schedule());
  }

  track(channel: object): void {
    const internals = channel as unknown as ChannelInternals;
    this.channels.add(internals);
    (channel as NodeJS.EventEmitter).once('close', () => this.channels.delete(internals));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      for (const channel of this.channels) {
        if (channel.outgoing.state !== 'open' || channel._waitChanDrain) continue;
        if (MAX_WINDOW - channel.incoming.window >= ACK_PACING_MIN_BYTES) windowAdjust(channel);
      }
    });
  }
}
