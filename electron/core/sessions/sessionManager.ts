import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { BurrowError } from '../../../shared/errors';
import type { DbConnectConfigInput } from '../../../shared/query';
import type { SessionInfo, SessionState, SessionStateEvent } from '../../../shared/sessions';
import {
  sessionsCheckPasswordRequestSchema, sessionsCloseRequestSchema, sessionsDebugLogRequestSchema, sessionsOpenRequestSchema, type SessionDebugLog,
} from '../../../shared/sessions';
import type { QueryService } from '../db/queryService';
import type { DbTransport } from '../db/types';
import type { Tunnel, TunnelState } from '../ssh/tunnel';
import type { PromptBroker } from '../ssh/types';
import type { Store } from '../store/createStore';
import { parseRequest } from '../store/parseRequest';
import { databasePassword } from './databasePassword';
import { dbConnectConfig } from './dbConnectConfig';
import type { TunnelPool } from './tunnelPool';

interface LiveSession {
  info: SessionInfo;
  /** The QueryService connection behind the session; replaced after a tunnel reconnect. */
  connectionId: string;
  config: DbConnectConfigInput;
  transport: DbTransport;
  release: (() => Promise<void>) | null;
  relogin: Promise<void> | null;
  /** The route's tunnel; null for direct and local connections. */
  tunnel: Tunnel | null;
  /** The profile's startup SQL, run again on every login (a reconnect's too), so its settings never lapse. */
  startupSql: string;
}

export interface SessionManagerDeps {
  store: Store;
  queries: QueryService;
  tunnels: TunnelPool;
  prompts: PromptBroker;
  emit(event: SessionStateEvent): void;
}

/**
 * A session is a saved profile made live: its SSH route from the tunnel pool (shared with other
 * sessions on the same route), then a database login over a channel of that route. The session id
 * stays stable while the tunnel drops and comes back: the database login is redone underneath, and
 * the results already fetched stay in the result store.
 */
export class SessionManager {
  private readonly sessions = new Map<string, LiveSession>();
  /** By session: its activity view's connection (see adminConnectionFor). */
  private readonly admin = new Map<string, Promise<string>>();

  constructor(private readonly deps: SessionManagerDeps) {}

  async open(payload: unknown): Promise<SessionInfo> {
    const { profileId, database } = parseRequest(sessionsOpenRequestSchema, payload, 'sessions.open');
    const profile = await this.deps.store.profiles.get({ id: profileId });
    if (database !== undefined && profile.engine === 'sqlite') {
      throw new BurrowError('VALIDATION', 'a SQLite connection is one file: open another file as its own connection', { field: 'database' });
    }
    const emit = (state: SessionState, part: 'tunnel' | 'database', extra: Partial<SessionStateEvent> = {}): void =>
      this.deps.emit({ sessionId: null, profileId, state, part, ...extra });

    const config = { ...(await dbConnectConfig(profile, await databasePassword(this.deps, profile))), ...(database !== undefined ? { database } : {}) };

    let release: (() => Promise<void>) | null = null;
    let tunnel: Tunnel | null = null;
    let transport: DbTransport;
    const sessionId = randomUUID();
    let session: LiveSession | null = null;
    if (profile.engine === 'sqlite') {
      transport = { kind: 'file' };
    } else if (profile.ssh.hops.length > 0) {
      emit('connecting', 'tunnel');
      const onTunnelState = (state: TunnelState): void => this.onTunnelState(sessionId, profileId, state, () => session);
      const acquired = await this.deps.tunnels.acquire(profile.ssh, onTunnelState);
      release = acquired.release;
      tunnel = acquired.tunnel;
      const target = { host: profile.host, port: config.port ?? 0 };
      transport = { kind: 'stream', open: () => acquired.tunnel.openStream(target.host, target.port) };
    } else {
      transport = { kind: 'tcp', host: profile.host, port: config.port ?? 0 };
    }

    emit('connecting', 'database');
    let connection;
    try {
      connection = await this.deps.queries.connect(config, transport);
      if (profile.startupSql.trim()) await this.runStartupSql(connection.connectionId, profile.startupSql);
    } catch (error) {
      if (connection) await this.deps.queries.close({ connectionId: connection.connectionId }).catch(() => {});
      await release?.();
      const shape = error instanceof BurrowError ? error.toShape() : { code: 'INTERNAL', message: String(error) };
      emit('failed', 'database', { error: shape });
      throw error;
    }
    session = {
      info: {
        sessionId,
        profileId,
        profileName: profile.name,
        engine: connection.engine,
        serverVersion: connection.serverVersion,
        database: connection.database,
        tls: connection.tls,
        hops: profile.ssh.hops.length,
        state: 'ready',
      },
      connectionId: connection.connectionId,
      config,
      transport,
      release,
      relogin: null,
      tunnel,
      startupSql: profile.startupSql,
    };
    this.sessions.set(sessionId, session);
    this.deps.emit({ sessionId, profileId, state: 'ready', part: 'database' });
    return { ...session.info };
  }

  async close(payload: unknown): Promise<{ closed: boolean }> {
    const { sessionId } = parseRequest(sessionsCloseRequestSchema, payload, 'sessions.close');
    const session = this.sessions.get(sessionId);
    if (!session) return { closed: false };
    this.sessions.delete(sessionId);
    const admin = this.admin.get(sessionId);
    this.admin.delete(sessionId);
    const adminId = admin ? await admin.catch(() => null) : null;
    if (adminId) await this.deps.queries.close({ connectionId: adminId }).catch(() => {});
    await this.deps.queries.close({ connectionId: session.connectionId }).catch(() => {});
    await session.release?.();
    session.info.state = 'closed';
    this.deps.emit({ sessionId, profileId: session.info.profileId, state: 'closed', part: 'database' });
    return { closed: true };
  }

  /** The SSH log of each hop of a session's route that keeps one. */
  debugLog(payload: unknown): SessionDebugLog {
    const { sessionId } = parseRequest(sessionsDebugLogRequestSchema, payload, 'sessions.debugLog');
    const session = this.sessions.get(sessionId);
    if (!session) throw new BurrowError('NOT_FOUND', `no open session ${sessionId}; connect again`, { field: 'sessionId' });
    return (session.tunnel?.debugLogs() ?? []).map(({ hop, lines }) => ({ index: hop.index, host: hop.host, port: hop.port, ...(hop.name ? { name: hop.name } : {}), lines }));
  }

  /**
   * Whether `password` is the one the session logged in with (safe mode asks for it before
   * changes). Compared as digests in constant time; the session's password never leaves core.
   */
  checkPassword(payload: unknown): { matches: boolean } {
    const { sessionId, password } = parseRequest(sessionsCheckPasswordRequestSchema, payload, 'sessions.checkPassword');
    const session = this.sessions.get(sessionId);
    if (!session) throw new BurrowError('NOT_FOUND', `no open session ${sessionId}; connect again`, { field: 'sessionId' });
    const expected = session.config.password;
    if (!expected) {
      throw new BurrowError('UNSUPPORTED', 'this connection logs in without a password, so safe mode has none to ask for: choose "Confirm statements that change data" instead', { field: 'safeMode' });
    }
    const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
    return { matches: timingSafeEqual(digest(password), digest(expected)) };
  }

  list(): SessionInfo[] {
    return [...this.sessions.values()].map((session) => ({ ...session.info }));
  }

  /** The profile a session was opened from, or null for an unknown session. */
  profileOf(sessionId: string): string | null {
    return this.sessions.get(sessionId)?.info.profileId ?? null;
  }

  /** The QueryService connection currently behind a session id (waits for a re-login in progress). */
  async connectionFor(sessionId: string): Promise<string> {
    const session = this.sessions.get(sessionId);
    if (!session) throw new BurrowError('NOT_FOUND', `no open session ${sessionId}; connect again`, { field: 'connectionId' });
    if (session.relogin) await session.relogin;
    if (session.info.state !== 'ready') {
      throw new BurrowError('TUNNEL_CLOSED', `${session.info.profileName}: the connection is ${session.info.state}; wait for it to come back or reconnect`);
    }
    return session.connectionId;
  }

  /**
   * A database connection of its own behind a session: the same login and startup SQL over the
   * same route (a new channel of its tunnel), for work that must not hold up the session's queries,
   * such as a table export. The caller closes it with `queries.close`.
   */
  async openSideConnection(sessionId: string): Promise<string> {
    await this.connectionFor(sessionId);
    return this.login(this.sessions.get(sessionId)!);
  }

  /**
   * A connection of the session's own for looking at the server (its activity view): opened on
   * first use like a side connection, kept while the session lives, and opened again when it was
   * lost (a tunnel reconnect).
   */
  async adminConnectionFor(sessionId: string): Promise<string> {
    await this.connectionFor(sessionId);
    const kept = this.admin.get(sessionId);
    const id = kept ? await kept.catch(() => null) : null;
    // Another call replaced it while this one waited: that one's connection serves both.
    if (this.admin.get(sessionId) !== kept) return this.adminConnectionFor(sessionId);
    if (id && this.deps.queries.isOpen(id)) return id;
    // A connection lost with the tunnel is let go before another takes its place.
    if (id) await this.deps.queries.close({ connectionId: id }).catch(() => {});
    const opening = this.openSideConnection(sessionId);
    this.admin.set(sessionId, opening);
    opening.catch(() => this.admin.delete(sessionId));
    return opening;
  }

  async closeAll(): Promise<void> {
    for (const sessionId of [...this.sessions.keys()]) await this.close({ sessionId });
  }

  /** A new database login with the session's settings, its startup SQL run; the connection id. */
  private async login(session: LiveSession): Promise<string> {
    const fresh = await this.deps.queries.connect(session.config, session.transport);
    if (session.startupSql.trim()) {
      await this.runStartupSql(fresh.connectionId, session.startupSql).catch(async (error: unknown) => {
        await this.deps.queries.close({ connectionId: fresh.connectionId }).catch(() => {});
        throw error;
      });
    }
    return fresh.connectionId;
  }

  private async runStartupSql(connectionId: string, sql: string): Promise<void> {
    const started = this.deps.queries.run({ connectionId, sql, rowLimit: 1 });
    const done = await this.deps.queries.wait(started.runId);
    this.deps.queries.release({ runId: started.runId });
    if (done.state !== 'done') {
      const error = done.error ?? { code: 'QUERY_FAILED', message: 'startup SQL did not complete' };
      throw new BurrowError('QUERY_FAILED', `startup SQL failed: ${error.message}`, { startupSql: true });
    }
  }

  private onTunnelState(sessionId: string, profileId: string, state: TunnelState, current: () => LiveSession | null): void {
    const session = current();
    const base = { sessionId: session ? sessionId : null, profileId, part: 'tunnel' as const };
    switch (state.state) {
      case 'reconnecting':
        if (session) session.info.state = 'reconnecting';
        this.deps.emit({ ...base, state: 'reconnecting', attempt: state.attempt, error: state.cause });
        break;
      case 'failed':
        if (session) session.info.state = 'failed';
        this.deps.emit({ ...base, state: 'failed', error: state.error });
        break;
      case 'ready':
        if (session && session.info.state === 'reconnecting') {
          session.relogin = this.relogin(session).finally(() => {
            session.relogin = null;
          });
        }
        break;
      default:
        break;
    }
  }

  /** After the tunnel came back: log in to the database again behind the same session id. */
  private async relogin(session: LiveSession): Promise<void> {
    const { sessionId, profileId } = session.info;
    this.deps.emit({ sessionId, profileId, state: 'connecting', part: 'database' });
    try {
      const fresh = await this.login(session);
      const old = session.connectionId;
      session.connectionId = fresh;
      session.info.state = 'ready';
      await this.deps.queries.close({ connectionId: old }).catch(() => {});
      this.deps.emit({ sessionId, profileId, state: 'ready', part: 'database' });
    } catch (error) {
      session.info.state = 'failed';
      const shape = error instanceof BurrowError ? error.toShape() : { code: 'INTERNAL' as const, message: String(error) };
      this.deps.emit({ sessionId, profileId, state: 'failed', part: 'database', error: shape });
    }
  }
}
