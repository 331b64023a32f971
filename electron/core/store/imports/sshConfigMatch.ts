import { hostMatches } from './sshConfigFiles';

/** What a `Match` line is tested against, as far as the config has been read. */
export interface MatchState {
  /** The alias as given (`originalhost`). */
  alias: string;
  /** HostName as set so far, else the alias (`host`). */
  host: string;
  /** User as set so far, else the local user (`user`). */
  user: string;
  localUser: string;
}

/**
 * Evaluates a `Match` line's criteria (all must hold; `!` negates one). Burrow reads the config in
 * one pass as the final one, so `canonical` and `final` hold. `exec` would run a command and newer
 * criteria (`localnetwork`, `tagged`, ...) depend on things Burrow does not know: for those the
 * answer is `unknown` and the block is skipped and reported, never guessed.
 */
export function evaluateMatch(args: readonly string[], state: MatchState): boolean | 'unknown' {
  let unknown = false;
  for (let i = 0; i < args.length; i++) {
    const raw = args[i]!;
    const negated = raw.startsWith('!');
    const criterion = (negated ? raw.slice(1) : raw).toLowerCase();
    if (criterion === 'all' || criterion === 'canonical' || criterion === 'final') {
      if (negated) return false;
      continue;
    }
    const argument = args[++i];
    if (argument === undefined) return 'unknown';
    const subject = { host: state.host, originalhost: state.alias, user: state.user, localuser: state.localUser }[criterion];
    if (subject === undefined) {
      unknown = true;
      continue;
    }
    // A criterion known to fail settles the block, whatever an unknown one would say.
    if (hostMatches(subject, [argument]) === negated) return false;
  }
  return unknown ? 'unknown' : true;
}
