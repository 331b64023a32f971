import { BurrowError, type ErrorCode } from '../../../shared/errors';
import { describeHop, type HopLabel } from '../../../shared/prompts';
import type { Route } from '../../../shared/route';
import type { Stage } from './types';

/** How errors, prompts and reports name each hop of a route: "hop 2/3 bastion (host:port)". */
export function hopLabels(route: Route): HopLabel[] {
  return route.hops.map((hop, index) => ({ index: index + 1, count: route.hops.length, host: hop.host, port: hop.port, ...(hop.name ? { name: hop.name } : {}) }));
}

/** Every tunnel failure names its hop, its stage and a code: "hop 2/3 bastion:2222: ...". */
export function tunnelError(
  code: ErrorCode,
  stage: Stage,
  hop: HopLabel,
  what: string,
  detail: Record<string, unknown> = {},
): BurrowError {
  return new BurrowError(code, `${describeHop(hop)}: ${what}`, {
    stage,
    hop: hop.index,
    hopCount: hop.count,
    host: hop.host,
    port: hop.port,
    ...detail,
  });
}
