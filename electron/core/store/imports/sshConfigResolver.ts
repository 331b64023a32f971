import path from 'node:path';
import { hostMatches, type ConfigFile, type ConfigLine } from './sshConfigFiles';
import { evaluateMatch } from './sshConfigMatch';

/** Keywords Burrow turns into route settings. Every other keyword that applies is reported. */
const HONOURED = new Set([
  'host',
  'match',
  'include',
  'hostname',
  'port',
  'user',
  'identityfile',
  'identitiesonly',
  'proxyjump',
  'serveraliveinterval',
  'serveralivecountmax',
  'connecttimeout',
  'identityagent',
]);
/** Keywords that may repeat, each occurrence adding a value. */
const ACCUMULATING = new Set(['identityfile']);

export interface Unhonoured {
  keyword: string;
  value: string;
  file: string;
  line: number;
}

/** The settings ssh would use for one host, as far as Burrow understands them. */
export interface HostSettings {
  alias: string;
  hostName: string;
  port: number | null;
  user: string | null;
  identityFiles: string[];
  identitiesOnly: boolean;
  proxyJump: string | null;
  serverAliveInterval: number | null;
  serverAliveCountMax: number | null;
  connectTimeout: number | null;
  identityAgent: string | null;
  unhonoured: Unhonoured[];
  /** Match blocks Burrow could not evaluate (`exec`, and criteria it does not know): their settings may or may not apply. */
  skippedMatchLines: Unhonoured[];
}

export interface ResolveContext {
  home: string;
  localUser: string;
}

/**
 * Evaluates the config for `alias` the way ssh does: the first value of a keyword wins,
 * IdentityFile accumulates, `Host` patterns and `Match` criteria gate the lines below them, and an
 * Include applies only where the including block is active.
 */
export function resolveHost(root: ConfigFile, alias: string, context: ResolveContext): HostSettings {
  const values = new Map<string, ConfigLine>();
  const identityFiles: ConfigLine[] = [];
  const unhonoured: Unhonoured[] = [];
  const skippedMatchLines: Unhonoured[] = [];

  const walk = (file: ConfigFile, startActive: boolean): void => {
    let active = startActive;
    for (const line of file.lines) {
      if (line.keyword === 'host') {
        active = hostMatches(alias, line.args);
        continue;
      }
      if (line.keyword === 'match') {
        const verdict = evaluateMatch(line.args, {
          alias,
          host: expandTokens(values.get('hostname')?.args[0] ?? alias, { h: alias, n: alias }),
          user: values.get('user')?.args[0] ?? context.localUser,
          localUser: context.localUser,
        });
        if (verdict === 'unknown') skippedMatchLines.push(describe(line));
        active = verdict === true;
        continue;
      }
      if (!active) continue;
      if (line.keyword === 'include') {
        for (const included of line.included ?? []) walk(included, true);
        continue;
      }
      if (!HONOURED.has(line.keyword)) {
        if (!unhonoured.some((u) => u.keyword.toLowerCase() === line.keyword)) unhonoured.push(describe(line));
        continue;
      }
      if (ACCUMULATING.has(line.keyword)) identityFiles.push(line);
      else if (!values.has(line.keyword)) values.set(line.keyword, line);
    }
  };
  walk(root, true);

  const first = (keyword: string): string | null => values.get(keyword)?.args[0] ?? null;
  const user = first('user');
  const hostNameRaw = first('hostname');
  const hostName = hostNameRaw ? expandTokens(hostNameRaw, { h: alias, n: alias }) : alias;
  const tokens = { h: hostName, n: alias, r: user ?? context.localUser, u: context.localUser, d: context.home };
  return {
    alias,
    hostName,
    port: toInt(first('port')),
    user,
    identityFiles: [...new Set(identityFiles.map((line) => expandPath(expandTokens(line.args[0] ?? '', tokens), context.home)))].filter(Boolean),
    identitiesOnly: first('identitiesonly')?.toLowerCase() === 'yes',
    proxyJump: first('proxyjump'),
    serverAliveInterval: toInt(first('serveraliveinterval')),
    serverAliveCountMax: toInt(first('serveralivecountmax')),
    connectTimeout: toInt(first('connecttimeout')),
    identityAgent: first('identityagent') ? expandPath(expandTokens(first('identityagent')!, tokens), context.home) : null,
    unhonoured,
    skippedMatchLines,
  };
}

/** Concrete aliases (no wildcards, no negation) from every Host line, in file order. */
export function concreteAliases(root: ConfigFile): string[] {
  const aliases: string[] = [];
  const walk = (file: ConfigFile): void => {
    for (const line of file.lines) {
      if (line.keyword === 'host') {
        for (const name of line.args.flatMap((a) => a.split(','))) {
          if (name && !/[*?!]/.test(name) && !aliases.includes(name)) aliases.push(name);
        }
      }
      for (const included of line.included ?? []) walk(included);
    }
  };
  walk(root);
  return aliases;
}

function describe(line: ConfigLine): Unhonoured {
  return { keyword: line.original, value: line.args.join(' '), file: line.file, line: line.line };
}

function expandTokens(value: string, tokens: Record<string, string>): string {
  return value.replace(/%(.)/g, (whole, key: string) => (key === '%' ? '%' : (tokens[key] ?? whole)));
}

function expandPath(value: string, home: string): string {
  if (value === '~') return home;
  if (value.startsWith('~/')) return path.join(home, value.slice(2));
  return value;
}

function toInt(value: string | null): number | null {
  if (value === null || !/^\d+$/.test(value)) return null;
  return Number(value);
}
