import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import type { HopDiagnosis, StageResult } from '../../../shared/diagnosis';
import type { BurrowErrorShape } from '../../../shared/errors';
import type { Route } from '../../../shared/route';
import { connectHop } from './connectHop';
import { DebugLog } from './debugLog';
import { forwardOut, openTargetChannel } from './forwardChannel';
import type { HostKeyVerifier } from './hostKeys';
import { SessionMemory } from './sessionMemory';
import { toErrorShape } from '../errors';
import { StageTimer } from './stageTimer';
import { hopLabels } from './tunnelError';
import type { CredentialSource, PromptBroker } from './types';

export interface DiagnoseRouteOptions {
  route: Route;
  verifier: HostKeyVerifier;
  prompts: PromptBroker;
  credentials: CredentialSource;
  target: { host: string; port: number };
  debugLog: boolean;
  /**
   * The database stage: log in over channels from `open` (the first is the one the channel stage
   * opened) and say what answered. Its errors fail the db stage.
   */
  login(open: () => Promise<Duplex>): Promise<string>;
}

export interface RouteDiagnosis {
  hops: HopDiagnosis[];
  target: StageResult[];
  error: BurrowErrorShape | null;
}

/**
 * Runs a route's stages one by one, as connecting would, and reports each with its duration:
 * per hop dns (first hop only: later hops are resolved by the hop before), tcp, handshake, hostkey
 * and auth; then the channel to the database and the database login. Stops at the first failure;
 * every SSH connection it made is closed before it returns. Prompts (host keys, passwords, MFA)
 * are asked as usual; nothing is remembered beyond what the user chooses to trust.
 */
export async function diagnoseRoute(options: DiagnoseRouteOptions): Promise<RouteDiagnosis> {
  const { route } = options;
  const labels = hopLabels(route);
  const memory = new SessionMemory();
  const clients: Client[] = [];
  const hops: HopDiagnosis[] = [];
  const target: StageResult[] = [];
  let error: BurrowErrorShape | null = null;
  try {
    for (const [index, hop] of route.hops.entries()) {
      const label = labels[index]!;
      const report: HopDiagnosis = { index: index + 1, host: hop.host, port: hop.port, ...(hop.name ? { name: hop.name } : {}), stages: [], debugLog: [] };
      hops.push(report);
      const timer = new StageTimer(report.stages);
      const previous = clients[index - 1];
      const log = options.debugLog ? new DebugLog(400) : null;
      try {
        clients.push(await connectHop({
          hop,
          label,
          ...(previous ? { via: (host: string, port: number) => forwardOut(previous, host, port) } : {}),
          connectTimeoutMs: route.connectTimeoutSeconds * 1000,
          keepalive: route.keepalive,
          verifier: options.verifier,
          prompts: options.prompts,
          credentials: options.credentials,
          memory,
          onStage: (stage) => timer.start(stage),
          ...(log ? { debug: (line: string) => log.add(line) } : {}),
        }));
        timer.pass();
      } catch (failure) {
        timer.fail(failure);
        throw failure;
      } finally {
        if (log) report.debugLog = log.snapshot();
      }
    }
    const last = clients[clients.length - 1]!;
    const lastLabel = labels[labels.length - 1]!;
    const timer = new StageTimer(target);
    timer.start('channel');
    let first: Duplex | null;
    try {
      first = await openTargetChannel(last, lastLabel, options.target.host, options.target.port);
      timer.pass(`${options.target.host}:${options.target.port} reached from hop ${hops.length}`);
    } catch (failure) {
      timer.fail(failure);
      throw failure;
    }
    timer.start('db');
    try {
      const found = await options.login(() => {
        const channel = first;
        first = null;
        return channel ? Promise.resolve(channel) : openTargetChannel(last, lastLabel, options.target.host, options.target.port);
      });
      timer.pass(found);
    } catch (failure) {
      (first as Duplex | null)?.destroy();
      timer.fail(failure);
      throw failure;
    }
  } catch (failure) {
    error = toErrorShape(failure);
  } finally {
    for (const client of clients.reverse()) client.end();
  }
  return { hops, target, error };
}
