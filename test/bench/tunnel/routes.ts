import type pg from 'pg';
import type { Tunnel } from '../../../electron/core/ssh/tunnel';
import { createBurrowTunnel, pgConfigOverTunnel } from './burrow';
import type { TunnelBenchEnv } from './env';
import { startOpensshForward, type OpensshForward } from './openssh';
import { startTcpRelay, type TcpRelay } from './relay';

/** The ways to PostgreSQL the benchmark compares, kept open across rounds. */
export type RouteName = 'direct' | 'burrow' | 'burrowNoPacer' | 'openssh' | 'relay';

export const routeLabels: Record<RouteName, string> = {
  direct: 'direct TCP',
  burrow: 'Burrow',
  burrowNoPacer: 'Burrow, AckPacer off',
  openssh: 'OpenSSH -L',
  relay: 'TCP relay (socat)',
};

export interface OpenRoutes {
  /** pg config per route. */
  configs: Partial<Record<RouteName, pg.ClientConfig>>;
  close(): Promise<void>;
}

/**
 * One Burrow tunnel session (every database connection of a run is a channel of it), a second
 * one with the AckPacer off, one `ssh -L` process (every connection is a TCP connection to its
 * listener), and a bare TCP relay process as the floor of any route through another process.
 */
export async function openRoutes(env: TunnelBenchEnv): Promise<OpenRoutes> {
  const tunnels: Tunnel[] = [];
  let forward: OpensshForward | null = null;
  let relay: TcpRelay | null = null;
  const close = async (): Promise<void> => {
    await Promise.all(tunnels.map((tunnel) => tunnel.close()));
    await forward?.process.stop();
    await relay?.process.stop();
  };
  try {
    const configs: OpenRoutes['configs'] = { direct: { ...env.db } };
    const burrow = createBurrowTunnel(env.ssh);
    tunnels.push(burrow);
    await burrow.connect();
    configs.burrow = pgConfigOverTunnel(burrow, env.db);

    const unpaced = createBurrowTunnel(env.ssh, { ackPacing: false });
    tunnels.push(unpaced);
    await unpaced.connect();
    configs.burrowNoPacer = pgConfigOverTunnel(unpaced, env.db);

    forward = await startOpensshForward(env.ssh, env.db, env.dir.path);
    configs.openssh = { ...env.db, host: '127.0.0.1', port: forward.localPort };

    relay = await startTcpRelay(env.db, env.dir.path);
    configs.relay = { ...env.db, host: '127.0.0.1', port: relay.localPort };
    return { configs, close };
  } catch (error) {
    await close();
    throw error;
  }
}
