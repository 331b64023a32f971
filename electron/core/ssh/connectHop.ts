import { lookup } from 'node:dns/promises';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { Client } from 'ssh2';
import { BurrowError } from '../../../shared/errors';
import type { HopLabel } from '../../../shared/prompts';
import type { Hop } from '../../../shared/route';
import { createAuthHandler } from './authHandler';
import { PausableDeadline } from './deadline';
import { keyTypeOfBlob, sha256Fingerprint } from './fingerprint';
import type { HostKeyVerifier } from './hostKeys';
import type { SessionMemory } from './sessionMemory';
import { openFailureReason } from './openFailure';
import { tunnelError } from './tunnelError';
import type { CredentialSource, PromptBroker, Stage } from './types';
import { usePooledPadding } from './pooledPadding';
import { dropHostKeyAnnouncements } from './hostKeyAnnouncements';

export interface HopConnectOptions {
  hop: Hop;
  label: HopLabel;
  /** Opens the transport through the previous hop; absent for the first hop (plain TCP). */
  via?: (host: string, port: number) => Promise<Duplex>;
  connectTimeoutMs: number;
  keepalive: { intervalSeconds: number; countMax: number };
  verifier: HostKeyVerifier;
  prompts: PromptBroker;
  credentials: CredentialSource;
  memory: SessionMemory;
  /** Told each stage as it starts (diagnostics time them). */
  onStage?: (stage: Stage) => void;
  /** ssh2's protocol debug lines for this hop, when the user asked for a debug log. */
  debug?: (line: string) => void;
}

const hostKeyAlgorithms: Record<string, string[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256'],
};

/** Connects and authenticates one hop, naming the stage of any failure. */
export async function connectHop(options: HopConnectOptions): Promise<Client> {
  const { label } = options;
  let stage: Stage = options.via ? 'tcp' : 'dns';
  options.onStage?.(stage);
  const enter = (next: Stage): void => {
    if (next === stage) return;
    stage = next;
    options.onStage?.(next);
  };
  let fail: (error: BurrowError) => void = () => {};
  let transport: Duplex | null = null;
  const client = new Client();
  const timeoutSeconds = Math.round(options.connectTimeoutMs / 1000);
  const deadline = new PausableDeadline(options.connectTimeoutMs, () => {
    const code = stage === 'dns' ? 'SSH_DNS_FAILED' : stage === 'tcp' ? 'SSH_CONNECT_FAILED' : stage === 'auth' ? 'SSH_AUTH_FAILED' : 'SSH_HANDSHAKE_FAILED';
    fail(tunnelError(code, stage, label, `no answer during ${stage} within ${timeoutSeconds} s (connect timeout)`, { timeout: true }));
  });

  const failed = new Promise<never>((_, reject) => {
    fail = (error) => {
      fail = () => {};
      reject(error);
    };
  });
  failed.catch(() => {});

  try {
    transport = await Promise.race([openTransport(options, enter), failed]);
    enter('handshake');
    return await Promise.race([handshake(options, client, transport, deadline, enter), failed]);
  } catch (error) {
    client.end();
    transport?.destroy();
    throw error;
  } finally {
    deadline.cancel();
  }
}

async function openTransport(options: HopConnectOptions, setStage: (stage: Stage) => void): Promise<Duplex> {
  const { hop, label } = options;
  if (options.via) {
    try {
      return await options.via(hop.host, hop.port);
    } catch (error) {
      const reason = error instanceof Error ? openFailureReason(error) : String(error);
      throw tunnelError('SSH_CHANNEL_REFUSED', 'tcp', label, `the previous hop could not reach it: ${reason}`, { reason });
    }
  }
  let address: string;
  try {
    address = net.isIP(hop.host) ? hop.host : (await lookup(hop.host)).address;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'ENOTFOUND';
    throw tunnelError('SSH_DNS_FAILED', 'dns', label, `could not resolve "${hop.host}" (${code}); check the host name`, { errno: code });
  }
  setStage('tcp');
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address, port: hop.port });
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.destroy();
      const code = error.code ?? 'ECONNRESET';
      const hint = code === 'ECONNREFUSED' ? 'connection refused; is sshd listening on this port?' : `could not connect (${code})`;
      reject(tunnelError('SSH_CONNECT_FAILED', 'tcp', label, hint, { errno: code, address }));
    });
  });
}

function handshake(
  options: HopConnectOptions,
  client: Client,
  transport: Duplex,
  deadline: PausableDeadline,
  setStage: (stage: Stage) => void,
): Promise<Client> {
  const { hop, label, memory, verifier, prompts } = options;
  let stage: Stage = 'handshake';
  const enter = (next: Stage): void => {
    stage = next;
    setStage(next);
  };
  let hostKeyError: BurrowError | null = null;
  const auth = createAuthHandler({
    hop,
    label,
    credentials: options.credentials,
    prompts,
    deadline,
    memory,
    cancel: () => client.end(),
  });

  const hostVerifier = (key: Buffer, verify: (ok: boolean) => void): void => {
    enter('hostkey');
    void (async () => {
      const keyType = keyTypeOfBlob(key);
      const fingerprint = sha256Fingerprint(key);
      const verdict = await verifier.verdict(hop.host, hop.port, keyType, key);
      if (verdict.status === 'trusted' || memory.isTrustedOnce(hop.host, hop.port, key)) return true;
      if (verdict.status === 'mismatch') {
        const known = verdict.known.map((k) => `${k.fingerprint} (${k.source})`).join(', ');
        hostKeyError = tunnelError('SSH_HOST_KEY_MISMATCH', 'hostkey', label,
          `the host key has CHANGED: it presented ${keyType} ${fingerprint}, but ${known} is known. ` +
            'This may be an attack. Connect only after confirming the new key with the server admin and using "forget this host key".',
          { keyType, fingerprint, known: verdict.known });
        return false;
      }
      if (verdict.status === 'revoked') {
        hostKeyError = tunnelError('SSH_HOST_KEY_REVOKED', 'hostkey', label,
          `the host key ${keyType} ${fingerprint} is marked @revoked in ${verdict.source}`, { keyType, fingerprint });
        return false;
      }
      const decision = await deadline.whilePaused(() => prompts.ask({ kind: 'hostKey', hop: label, keyType, fingerprint }));
      if (decision === 'trust-always') {
        await verifier.remember({ host: hop.host, port: hop.port, keyType, key });
        return true;
      }
      if (decision === 'trust-once') {
        memory.trustOnce(hop.host, hop.port, key);
        return true;
      }
      hostKeyError = tunnelError('SSH_HOST_KEY_UNKNOWN', 'hostkey', label,
        `the host key ${keyType} ${fingerprint} was not trusted`, { keyType, fingerprint, rejected: true });
      return false;
    })().then(
      (ok) => {
        if (ok) enter('auth');
        verify(ok);
      },
      (error: unknown) => {
        hostKeyError = tunnelError('INTERNAL', 'hostkey', label, `host key check failed: ${String(error)}`);
        verify(false);
      },
    );
  };

  return verifier.knownKeyTypes(hop.host, hop.port).then(
    (knownTypes) =>
      new Promise<Client>((resolve, reject) => {
        const preferred = knownTypes.flatMap((type) => hostKeyAlgorithms[type] ?? []);
        const onError = (error: Error & { level?: string }): void => reject(mapError(error));
        const mapError = (error: Error & { level?: string }): BurrowError => {
          if (hostKeyError) return hostKeyError;
          if (auth.report.fatal) return auth.report.fatal;
          if (auth.report.cancelled) return new BurrowError('CANCELLED', `hop ${label.index}/${label.count} ${hop.host}:${hop.port}: cancelled at ${stage}`, { stage, hop: label.index });
          if (stage === 'auth' || error.level === 'client-authentication') {
            if (auth.report.tried.includes('password')) memory.forgetPassword(hop.id);
            const tried = auth.report.tried.length > 0 ? auth.report.tried.join(', ') : 'nothing';
            const allowed = auth.report.allowed?.join(', ') ?? 'unknown';
            const notes = auth.report.notes.length > 0 ? `; ${auth.report.notes.join('; ')}` : '';
            return tunnelError('SSH_AUTH_FAILED', 'auth', label,
              `authentication failed as "${hop.username}" (tried ${tried}; server allows ${allowed})${notes}`,
              { tried: auth.report.tried, allowed: auth.report.allowed });
          }
          return tunnelError('SSH_HANDSHAKE_FAILED', 'handshake', label,
            `SSH handshake failed: ${error.message}. Is this an SSH server?`, { reason: error.message });
        };
        client.once('ready', () => {
          client.off('error', onError);
          client.off('close', onClose);
          usePooledPadding(client);
          resolve(client);
        });
        client.on('error', onError);
        const onClose = (): void => reject(mapError(new Error('the connection closed')));
        client.once('close', onClose);
        client.connect({
          sock: transport as unknown as NodeJS.ReadableStream,
          username: hop.username,
          hostVerifier: hostVerifier as unknown as (key: Buffer) => boolean,
          authHandler: auth.handler,
          readyTimeout: 0,
          keepaliveInterval: options.keepalive.intervalSeconds * 1000,
          keepaliveCountMax: options.keepalive.countMax,
          ...(options.debug ? { debug: options.debug } : {}),
          ...(preferred.length > 0 ? { algorithms: { serverHostKey: { prepend: preferred } } } : {}),
        } as Parameters<Client['connect']>[0]);
        dropHostKeyAnnouncements(client);
      }),
  );
}
