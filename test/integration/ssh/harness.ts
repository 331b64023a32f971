import type { Duplex } from 'node:stream';
import pg from 'pg';
import { utils } from 'ssh2';
import { BurrowError } from '../../../shared/errors';
import type { PromptAnswers, PromptRequest } from '../../../shared/prompts';
import { routeSchema, type Hop, type Route } from '../../../shared/route';
import { HostKeyVerifier, MemoryKnownHosts } from '../../../electron/core/ssh/hostKeys';
import { Tunnel, type TunnelState } from '../../../electron/core/ssh/tunnel';
import { TunnelSocket } from '../../../electron/core/ssh/tunnelSocket';
import type { CredentialSource, LoadedKey, PromptBroker } from '../../../electron/core/ssh/types';
import { publicKeyBlob, type GeneratedKey, type PostgresServer, type SshdServer } from '../../env';

/** Keys and passwords as the vault would hand them to the engine. */
export class TestCredentials implements CredentialSource {
  readonly keys = new Map<string, GeneratedKey>();
  readonly passwords = new Map<string, string>();

  async hopPassword(hop: Hop): Promise<string | null> {
    return this.passwords.get(hop.id) ?? null;
  }

  async privateKey(keyId: string, passphrase?: string): Promise<LoadedKey> {
    const key = this.keys.get(keyId);
    if (!key) throw new BurrowError('NOT_FOUND', `no key ${keyId}`);
    if (key.passphrase && passphrase === undefined) throw new BurrowError('KEY_PASSPHRASE_REQUIRED', 'key is encrypted');
    const parsed = utils.parseKey(key.privateKey, passphrase);
    if (parsed instanceof Error) throw new BurrowError('KEY_PASSPHRASE_WRONG', 'wrong passphrase');
    const single = Array.isArray(parsed) ? parsed[0] : parsed;
    return { privateKey: key.privateKey, ...(passphrase ? { passphrase } : {}), publicKey: single.getPublicSSH() };
  }

  async publicKey(keyId: string): Promise<Buffer> {
    const key = this.keys.get(keyId);
    if (!key) throw new BurrowError('NOT_FOUND', `no key ${keyId}`);
    return publicKeyBlob(key.publicKey);
  }
}

type Answerer = { [K in PromptRequest['kind']]?: (request: Extract<PromptRequest, { kind: K }>) => PromptAnswers[K] | Promise<PromptAnswers[K]> };

/** A prompt broker that answers from a script and records every question. */
export class ScriptedPrompts implements PromptBroker {
  readonly asked: PromptRequest[] = [];
  constructor(public answers: Answerer = {}) {}

  async ask<R extends PromptRequest>(request: R): Promise<PromptAnswers[R['kind']]> {
    this.asked.push(request);
    const answer = this.answers[request.kind] as ((r: R) => PromptAnswers[R['kind']]) | undefined;
    if (!answer) throw new Error(`unexpected prompt: ${request.kind}`);
    return answer(request);
  }
}

export function hopTo(sshd: SshdServer, auth: Hop['auth'], overrides: Partial<Hop> = {}): Hop {
  return { id: `hop-${sshd.port}`, host: sshd.host, port: sshd.port, username: sshd.account.username, auth, ...overrides };
}

export function route(hops: Hop[], extra: Partial<Route> = {}): Route {
  return routeSchema.parse({ hops, ...extra });
}

export interface Rig {
  tunnel: Tunnel;
  knownHosts: MemoryKnownHosts;
  prompts: ScriptedPrompts;
  states: TunnelState['state'][];
}

/** A tunnel whose hosts are pre-trusted (unless `trust` is false) with scripted prompts. */
export async function makeTunnel(
  routeValue: Route,
  credentials: CredentialSource,
  options: { trust?: SshdServer[]; prompts?: ScriptedPrompts; knownHosts?: MemoryKnownHosts; userKnownHostsFiles?: string[]; reconnect?: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number }; ackPacing?: boolean } = {},
): Promise<Rig> {
  const knownHosts = options.knownHosts ?? new MemoryKnownHosts();
  for (const server of options.trust ?? []) {
    await knownHosts.remember({ host: server.host, port: server.port, keyType: 'ssh-ed25519', key: publicKeyBlob(server.hostKeys['ssh-ed25519']) });
  }
  const prompts = options.prompts ?? new ScriptedPrompts();
  const tunnel = new Tunnel({
    route: routeValue,
    verifier: new HostKeyVerifier({ app: knownHosts, userKnownHostsFiles: options.userKnownHostsFiles ?? [] }),
    prompts,
    credentials,
    ...(options.reconnect ? { reconnect: options.reconnect } : {}),
    ...(options.ackPacing === false ? { ackPacing: false } : {}),
  });
  const states: TunnelState['state'][] = [];
  tunnel.on('state', (state) => states.push(state.state));
  return { tunnel, knownHosts, prompts, states };
}

/** pg over a tunnel channel. */
export async function pgOver(tunnel: Tunnel, server: PostgresServer): Promise<pg.Client> {
  const client = new pg.Client({
    user: server.user,
    password: server.password,
    database: server.database,
    stream: () => new TunnelSocket((): Promise<Duplex> => tunnel.openStream(server.host, server.port)),
  });
  await client.connect();
  return client;
}

export async function expectCode(promise: Promise<unknown>): Promise<BurrowError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BurrowError) return error;
    throw new Error(`expected a BurrowError, got: ${String(error)}`, { cause: error });
  }
  throw new Error('expected the promise to reject');
}

export function waitForState(rig: Rig, state: TunnelState['state'], timeoutMs = 20_000): Promise<TunnelState> {
  return new Promise((resolve, reject) => {
    if (rig.tunnel.state.state === state) return resolve(rig.tunnel.state);
    const timer = setTimeout(() => reject(new Error(`tunnel did not reach ${state} within ${timeoutMs} ms (saw ${rig.states.join(' -> ')})`)), timeoutMs);
    const listener = (next: TunnelState): void => {
      if (next.state === state) {
        clearTimeout(timer);
        rig.tunnel.off('state', listener);
        resolve(next);
      }
    };
    rig.tunnel.on('state', listener);
  });
}
