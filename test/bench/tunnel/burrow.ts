import type pg from 'pg';
import { routeSchema } from '../../../shared/route';
import { HostKeyVerifier } from '../../../electron/core/ssh/hostKeys';
import { Tunnel } from '../../../electron/core/ssh/tunnel';
import { TunnelSocket } from '../../../electron/core/ssh/tunnelSocket';
import type { CredentialSource, LoadedKey, PromptBroker } from '../../../electron/core/ssh/types';
import { publicKeyBlob } from '../../env';
import type { DbTarget, SshTarget } from './env';

const KEY_ID = 'k1';

/** The vault, as far as the benchmark needs it: one unencrypted key, no passwords. */
class BenchCredentials implements CredentialSource {
  constructor(private readonly ssh: SshTarget) {}

  async hopPassword(): Promise<string | null> {
    return null;
  }

  async privateKey(keyId: string): Promise<LoadedKey> {
    return { privateKey: this.ssh.key.privateKey, publicKey: await this.publicKey(keyId) };
  }

  async publicKey(keyId: string): Promise<Buffer> {
    if (keyId !== KEY_ID) throw new Error(`the benchmark has no key "${keyId}"`);
    return publicKeyBlob(this.ssh.key.publicKey);
  }
}

const noPrompts: PromptBroker = {
  ask: async () => {
    throw new Error('no prompts in the benchmark: the host key is pre-trusted and the key has no passphrase');
  },
};

/** Burrow's engine with a one-hop route to the fixture sshd (not yet connected). */
export function createBurrowTunnel(ssh: SshTarget, options: { ackPacing?: boolean } = {}): Tunnel {
  const route = routeSchema.parse({
    hops: [{ id: 'h1', host: ssh.host, port: ssh.port, username: ssh.username, auth: [{ type: 'publickey', keyId: KEY_ID }] }],
  });
  return new Tunnel({
    route,
    verifier: new HostKeyVerifier({ app: ssh.knownHosts, userKnownHostsFiles: [] }),
    prompts: noPrompts,
    credentials: new BenchCredentials(ssh),
    ...(options.ackPacing === false ? { ackPacing: false } : {}),
  });
}

/** pg over a direct-tcpip channel of the tunnel, the way the app hands it the stream. */
export function pgConfigOverTunnel(tunnel: Tunnel, db: DbTarget): pg.ClientConfig {
  return {
    user: db.user,
    password: db.password,
    database: db.database,
    stream: () => new TunnelSocket(() => tunnel.openStream(db.host, db.port)),
  };
}
