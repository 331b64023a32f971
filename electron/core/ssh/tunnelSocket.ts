import { Duplex } from 'node:stream';

export type OpenChannel = () => Promise<Duplex>;

/**
 * A socket-shaped Duplex over a tunnel channel, for drivers that expect a `net.Socket` (pg calls
 * `connect`, `setNoDelay` and waits for 'connect'; mysql2 just reads). The channel is opened at
 * once, so a driver may build its stream synchronously (pg's `stream` factory, also used for
 * cancel requests) while the `direct-tcpip` open completes asynchronously. No port is involved.
 */
export class TunnelSocket extends Duplex {
  private channel: Duplex | null = null;
  private connected = false;

  constructor(open: OpenChannel) {
    super({ allowHalfOpen: false });
    open().then(
      (channel) => this.attach(channel),
      (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
    );
  }

  get connecting(): boolean {
    return !this.connected && !this.destroyed;
  }

  private attach(channel: Duplex): void {
    if (this.destroyed) {
      channel.destroy();
      return;
    }
    this.channel = channel;
    channel.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) channel.pause();
    });
    channel.once('end', () => this.push(null));
    channel.once('error', (error: Error) => this.destroy(error));
    channel.once('close', () => {
      if (!this.destroyed) this.destroy();
    });
    this.connected = true;
    this.emit('connect');
    this.emit('ready');
  }

  /** Drivers wait for 'connect' after calling this; repeat it for one that calls after the open. */
  connect(): this {
    if (this.connected) process.nextTick(() => this.emit('connect'));
    return this;
  }

  // The rest of the socket API drivers touch; there is no TCP socket underneath to tune.
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  setTimeout(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }

  override _read(): void {
    this.channel?.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.channel) {
      this.channel.write(chunk, encoding, callback);
      return;
    }
    const onConnect = (): void => {
      this.off('close', onClose);
      this._write(chunk, encoding, callback);
    };
    const onClose = (): void => {
      this.off('connect', onConnect);
      callback(new Error('the tunnel channel closed before it opened'));
    };
    this.once('connect', onConnect);
    this.once('close', onClose);
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (this.channel) this.channel.end(callback);
    else callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.channel?.destroy();
    callback(error);
  }
}
