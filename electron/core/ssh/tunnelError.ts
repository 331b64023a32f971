import { BurrowError, type ErrorCode } from '../../../shared/errors';
import { describeHop, type HopLabel } from '../../../shared/prompts';
import type { Stage } from './types';

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
