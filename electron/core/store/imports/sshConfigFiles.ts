import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { BurrowError } from '../../../../shared/errors';
import { isCode } from '../files/atomicFile';

/** One `Keyword args` line; Include lines carry the files they pulled in. */
export interface ConfigLine {
  /** Lower-case keyword. */
  keyword: string;
  /** As written, for messages. */
  original: string;
  args: string[];
  file: string;
  line: number;
  included?: ConfigFile[];
}

export interface ConfigFile {
  path: string;
  lines: ConfigLine[];
}

export interface LoadOptions {
  home: string;
  /** Relative Include paths are resolved here (~/.ssh for a user config). */
  sshDir: string;
  /** Refuse files that others can write (OpenSSH's own rule); off only on Windows. */
  checkPermissions: boolean;
}

/** OpenSSH's READCONF_MAX_DEPTH. */
const MAX_INCLUDE_DEPTH = 16;
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/** Reads an ssh_config file and everything it includes, refusing any file other users can change. */
export async function loadSshConfig(file: string, options: LoadOptions): Promise<{ root: ConfigFile; files: string[] }> {
  const files: string[] = [];
  const root = await loadFile(file, options, 0, files);
  return { root, files };
}

async function loadFile(file: string, options: LoadOptions, depth: number, files: string[]): Promise<ConfigFile> {
  if (depth > MAX_INCLUDE_DEPTH) throw new BurrowError('VALIDATION', `ssh config: Include nests deeper than ${MAX_INCLUDE_DEPTH} levels at ${file}`, { field: 'path' });
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new BurrowError('VALIDATION', `ssh config: ${file} is not a file`, { field: 'path' });
    if (options.checkPermissions) assertSafe(file, info.mode, info.uid);
    if (info.size > MAX_CONFIG_BYTES) throw new BurrowError('VALIDATION', `ssh config: ${file} is larger than 4 MB`, { field: 'path' });
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof BurrowError) throw error;
    if (isCode(error, 'ENOENT')) throw new BurrowError('NOT_FOUND', `there is no ssh config at ${file}`);
    throw new BurrowError('STORE_IO', `could not read ${file}: ${(error as Error).message}`);
  }
  files.push(file);
  const lines: ConfigLine[] = [];
  const rows = text.split(/\r?\n/);
  for (let index = 0; index < rows.length; index += 1) {
    const parsed = parseLine(rows[index]!);
    if (!parsed) continue;
    const line: ConfigLine = { ...parsed, file, line: index + 1 };
    if (line.keyword === 'include') {
      line.included = [];
      for (const pattern of line.args) {
        for (const match of await expandIncludePattern(pattern, options)) {
          line.included.push(await loadFile(match, options, depth + 1, files));
        }
      }
    }
    lines.push(line);
  }
  return { path: file, lines };
}

function assertSafe(file: string, mode: number, uid: number): void {
  const me = process.getuid?.();
  if ((mode & 0o022) !== 0 || (me !== undefined && uid !== 0 && uid !== me)) {
    throw new BurrowError(
      'SSH_CONFIG_UNSAFE',
      `${file} can be changed by other users (mode ${(mode & 0o777).toString(8)}); OpenSSH refuses it too. Run "chmod go-w ${file}" and try again`,
      { file },
    );
  }
}

/** Splits a line into keyword and arguments: `Keyword value`, `Keyword=value`, quoted arguments, `#` comments. */
export function parseLine(raw: string): { keyword: string; original: string; args: string[] } | null {
  const text = raw.trim();
  if (text === '' || text.startsWith('#')) return null;
  const keywordMatch = /^([A-Za-z][A-Za-z0-9]*)\s*(?:=\s*|\s+|$)/.exec(text);
  if (!keywordMatch) return null;
  const rest = text.slice(keywordMatch[0].length);
  const args: string[] = [];
  let current = '';
  let quote: string | null = null;
  let hasToken = false;
  for (let i = 0; i < rest.length; i += 1) {
    const ch = rest[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      hasToken = true;
    } else if (/\s/.test(ch)) {
      if (hasToken) args.push(current);
      current = '';
      hasToken = false;
    } else if (ch === '#' && !hasToken) {
      break;
    } else {
      current += ch;
      hasToken = true;
    }
  }
  if (hasToken) args.push(current);
  return { keyword: keywordMatch[1]!.toLowerCase(), original: keywordMatch[1]!, args };
}

/** Include paths: `~` expanded, relative ones under ~/.ssh, shell-style `*` and `?` in any component, sorted. */
async function expandIncludePattern(pattern: string, options: LoadOptions): Promise<string[]> {
  let full = pattern.startsWith('~/') ? path.join(options.home, pattern.slice(2)) : pattern;
  if (!path.isAbsolute(full)) full = path.join(options.sshDir, full);
  if (!/[*?]/.test(full)) {
    try {
      await stat(full);
      return [full];
    } catch {
      return [];
    }
  }
  const parts = full.split(path.sep).filter((part, index) => part !== '' || index === 0);
  let bases = [parts[0] === '' ? path.sep : parts[0]!];
  for (const part of parts.slice(1)) {
    const next: string[] = [];
    for (const base of bases) {
      if (!/[*?]/.test(part)) {
        next.push(path.join(base, part));
        continue;
      }
      const matcher = globToRegExp(part);
      let names: string[];
      try {
        names = await readdir(base);
      } catch {
        continue;
      }
      for (const name of names.sort()) if (matcher.test(name) && !(name.startsWith('.') && !part.startsWith('.'))) next.push(path.join(base, name));
    }
    bases = next;
  }
  const existing: string[] = [];
  for (const candidate of bases) {
    try {
      if ((await stat(candidate)).isFile()) existing.push(candidate);
    } catch {
      // a glob that matches nothing is not an error
    }
  }
  return existing;
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (const ch of glob) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[\\^$+.()|{}[\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** ssh_config host patterns: `*`, `?`, `!negation`; a negated match wins. */
export function hostMatches(host: string, patterns: string[]): boolean {
  let matched = false;
  for (const raw of patterns.flatMap((p) => p.split(','))) {
    const negated = raw.startsWith('!');
    const pattern = negated ? raw.slice(1) : raw;
    if (globToRegExp(pattern.toLowerCase()).test(host.toLowerCase())) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}
