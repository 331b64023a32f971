import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import { BurrowError, type BurrowErrorShape } from '../../../shared/errors';
import type { HopLabel } from '../../../shared/prompts';
import type { Route } from '../../../shared/route';
import { AckPacer } from './ackPacer';
import { connectHop } from './connectHop';
import { DebugLog } from './debugLog';
import type { HostKeyVerifier } from './hostKeys';
import { SessionMemory } from './sessionMemory';
import { forwardOut, openTargetChannel } from './forwardChannel';
import { hopLabels, tunnelError } from './tunnelError';
import type { CredentialSource, PromptBroker } from './types';

export type TunnelState =
  | { state: 'idle' }
  | { state: 'connecting' }
  | { state: 'ready' }
  | { state: 'reconnecting'; attempt: number; inMs: number; cause: BurrowErrorShape }
  | { state: 'failed'; error: BurrowErrorShape }
  | { state: 'closed' };

export interface TunnelOptions {
  route: Route;
  verifier: HostKeyVerifier;
  prompts: PromptBroker;
  credentials: CredentialSource;
  reconnect?: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  /** Eager window adjusts against the delayed-ACK stall (see AckPacer); on unless turned off. */
  ackPacing?: boolean;
}

interface LiveHop {
  client: Client;
  pacer: AckPacer | null;
  label: HopLabel;
}

/** A hop's SSH log, for hops with `debugLog` on. */
export interface HopLog {
  hop: HopLabel;
  lines: string[];
}

const defaultReconnect = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 30_000 };

/**
 * One SSH session per route: hop N+1 runs over a direct-tcpip channel of hop N (ssh2's `sock`),
 * and every database stream is another channel of the last hop. No local port is ever opened.
 * Emits 'state' (TunnelState). On a drop, open streams fail with TUNNEL_CLOSED and the route is
 * rebuilt with backoff; the user is asked again only for what cannot be reused.
 */
export class Tunnel extends EventEmitter<{ state: [TunnelState] }> {
  private hops: LiveHop[] = [];
  private readonly memory = new SessionMemory();
  /** Per hop index, kept across reconnects so the log shows the drop and the way back. */
  private readonly logs = new Map<number, DebugLog>();
  private readonly streams = new Set<ClientChannel>();
  private current: TunnelState = { state: 'idle' };
  private connecting: Promise<void> | null = null;
  private closedByUser = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly reconnectPolicy: NonNullable<TunnelOptions['reconnect']>;

  constructor(private readonly options: TunnelOptions) {
    super();
    if (options.route.hops.length === 0) throw new BurrowError('VALIDATION', 'an SSH route needs at least one hop');
    this.reconnectPolicy = options.reconnect ?? defaultReconnect;
  }

  get state(): TunnelState {
    return this.current;
  }

  /** Opens every hop in order; rejects with the coded error of the first hop that fails. */
  connect(): Promise<void> {
    if (this.current.state === 'ready') return Promise.resolve();
    this.connecting ??= this.establish('connecting').finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /** A Duplex to host:port as seen from the last hop. */
  async openStream(host: string, port: number): Promise<Duplex> {
    if (this.current.state !== 'ready') {
      if (this.connecting) await this.connecting;
      else throw new BurrowError('TUNNEL_CLOSED', `the SSH tunnel is ${this.current.state}; reconnect it first`);
    }
    const last = this.hops[this.hops.length - 1];
    if (!last) throw new BurrowError('TUNNEL_CLOSED', 'the SSH tunnel is not connected');
    const channel = await openTargetChannel(last.client, last.label, host, port, last.pacer);
    this.streams.add(channel);
    channel.once('close', () => this.streams.delete(channel));
    return channel;
  }

  /** The SSH logs of the hops that keep one. */
  debugLogs(): HopLog[] {
    return hopLabels(this.options.route).flatMap((label, index) => {
      const log = this.logs.get(index);
      return log ? [{ hop: label, lines: log.snapshot() }] : [];
    });
  }

  private logFor(index: number): DebugLog {
    let log = this.logs.get(index);
    if (!log) {
      log = new DebugLog();
      this.logs.set(index, log);
    }
    return log;
  }

  async close(): Promise<void> {
    this.closedByUser = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.teardown(new BurrowError('TUNNEL_CLOSED', 'the SSH tunnel was closed'));
    this.memory.clear();
    this.setState({ state: 'closed' });
  }

  private async establish(phase: 'connecting' | 'reconnecting'): Promise<void> {
    if (phase === 'connecting') this.setState({ state: 'connecting' });
    const { route } = this.options;
    const hops: LiveHop[] = [];
    const labels = hopLabels(route);
    try {
      for (const [index, hop] of route.hops.entries()) {
        const label = labels[index]!;
        const previous = hops[index - 1];
        const log = hop.debugLog ? this.logFor(index) : null;
        const client = await connectHop({
          hop,
          label,
          ...(log ? { debug: (line: string) => log.add(line) } : {}),
          ...(previous ? { via: (host: string, port: number) => forwardOut(previous.client, host, port, previous.pacer) } : {}),
          connectTimeoutMs: route.connectTimeoutSeconds * 1000,
          keepalive: route.keepalive,
          verifier: this.options.verifier,
          prompts: this.options.prompts,
          credentials: this.options.credentials,
          memory: this.memory,
        });
        hops.push({ client, pacer: this.options.ackPacing === false ? null : new AckPacer(client), label });
        if (this.closedByUser) throw new BurrowError('CANCELLED', 'the tunnel was closed while connecting');
      }
    } catch (error) {
      for (const hop of hops.reverse()) hop.client.end();
      const shape = error instanceof BurrowError ? error : new BurrowError('INTERNAL', String(error));
      if (phase === 'connecting' && !this.closedByUser) this.setState({ state: 'failed', error: shape.toShape() });
      throw shape;
    }
    this.hops = hops;
    for (const hop of hops) this.watch(hop);
    this.setState({ state: 'ready' });
  }

  private watch(hop: LiveHop): void {
    const { intervalSeconds, countMax } = this.options.route.keepalive;
    let dropped = false;
    const drop = (why: string): void => {
      if (dropped || this.closedByUser || !this.hops.includes(hop)) return;
      dropped = true;
      const cause = tunnelError('TUNNEL_CLOSED', 'channel', hop.label, `the SSH connection dropped (${why})`);
      this.teardown(cause);
      this.scheduleReconnect(1, cause);
    };
    hop.client.on('error', (error: Error) => {
      drop(/keepalive/i.test(error.message) ? `no keepalive answer for ${intervalSeconds * countMax} s` : error.message);
    });
    // Ahead of ssh2's own listeners, so open streams fail with TUNNEL_CLOSED rather than a bare close.
    const transport = (hop.client as unknown as { _sock?: NodeJS.EventEmitter })._sock;
    for (const event of ['end', 'close']) transport?.prependListener(event, () => drop('closed by the server or the network'));
    transport?.prependListener('error', (error: Error) => drop(error.message));
    hop.client.once('close', () => drop('closed by the server or the network'));
  }

  private teardown(cause: BurrowError): void {
    const hops = this.hops;
    this.hops = [];
    for (const stream of this.streams) {
      // ssh2's Channel.destroy() takes no error, so tell the stream's users why it ends.
      if (stream.listenerCount('error') > 0) stream.emit('error', cause);
      stream.destroy();
    }
    this.streams.clear();
    for (const hop of [...hops].reverse()) hop.client.end();
  }

  private scheduleReconnect(attempt: number, cause: BurrowError): void {
    if (this.closedByUser) return;
    if (attempt > this.reconnectPolicy.maxAttempts) {
      this.setState({ state: 'failed', error: cause.toShape() });
      return;
    }
    const inMs = Math.min(this.reconnectPolicy.maxDelayMs, this.reconnectPolicy.baseDelayMs * 2 ** (attempt - 1));
    this.setState({ state: 'reconnecting', attempt, inMs, cause: cause.toShape() });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connecting = this.establish('reconnecting').catch((error: unknown) => {
        const next = error instanceof BurrowError ? error : new BurrowError('INTERNAL', String(error));
        // A refused host key or a cancelled prompt will not fix itself by retrying.
        if (['SSH_HOST_KEY_MISMATCH', 'SSH_HOST_KEY_REVOKED', 'SSH_HOST_KEY_UNKNOWN', 'SSH_AUTH_FAILED', 'CANCELLED'].includes(next.code)) {
          this.setState({ state: 'failed', error: next.toShape() });
        } else {
          this.scheduleReconnect(attempt + 1, next);
        }
      }).finally(() => {
        this.connecting = null;
      });
    }, inMs);
  }

  private setState(state: TunnelState): void {
    this.current = state;
    this.emit('state', state);
  }
}
