import type { Route } from '../../../shared/route';
import type { HostKeyVerifier } from '../ssh/hostKeys';
import { Tunnel, type TunnelState } from '../ssh/tunnel';
import type { CredentialSource, PromptBroker } from '../ssh/types';

export interface TunnelPoolDeps {
  verifier: HostKeyVerifier;
  prompts: PromptBroker;
  credentials: CredentialSource;
}

interface Entry {
  tunnel: Tunnel;
  users: number;
}

/**
 * One SSH session per route: every database connection whose route is the same (same hops, in
 * the same order, with the same logins) shares one Tunnel, and the tunnel closes with its last user.
 */
export class TunnelPool {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly deps: TunnelPoolDeps) {}

  /** A connected tunnel for `route`; call the returned release() when done with it. */
  async acquire(route: Route, onState: (state: TunnelState) => void): Promise<{ tunnel: Tunnel; release: () => Promise<void> }> {
    const key = routeKey(route);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { tunnel: new Tunnel({ route, ...this.deps }), users: 0 };
      this.entries.set(key, entry);
    }
    const current = entry;
    current.users += 1;
    current.tunnel.on('state', onState);
    let released = false;
    const release = async (): Promise<void> => {
      if (released) return;
      released = true;
      current.tunnel.off('state', onState);
      current.users -= 1;
      if (current.users === 0) {
        this.entries.delete(key);
        await current.tunnel.close();
      }
    };
    try {
      await current.tunnel.connect();
    } catch (error) {
      await release();
      throw error;
    }
    return { tunnel: current.tunnel, release };
  }

  get size(): number {
    return this.entries.size;
  }

  async closeAll(): Promise<void> {
    const tunnels = [...this.entries.values()].map((entry) => entry.tunnel);
    this.entries.clear();
    await Promise.all(tunnels.map((tunnel) => tunnel.close()));
  }
}

/** What makes two routes the same SSH session: hops (host, port, user, auth) and their tuning. */
export function routeKey(route: Route): string {
  return JSON.stringify({
    hops: route.hops.map((hop) => [hop.host.toLowerCase(), hop.port, hop.username, hop.auth, hop.debugLog === true]),
    keepalive: route.keepalive,
    timeout: route.connectTimeoutSeconds,
  });
}
