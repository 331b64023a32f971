import { accessSync, constants, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Real servers are never optional in integration tests: a missing binary fails the test with the
 * Debian package to install, instead of skipping it.
 */
export function requireBinary(candidates: string | readonly string[], debianPackage: string): string {
  const list = typeof candidates === 'string' ? [candidates] : candidates;
  for (const candidate of list) {
    const found = candidate.includes('/') ? [candidate] : searchPath(candidate);
    for (const file of found) {
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // try the next one
      }
    }
  }
  throw new Error(
    `${list.join(' or ')} not found: install the Debian package "${debianPackage}" ` +
      `(run "npm run test:deps" as root, which installs every package the tests need)`,
  );
}

function searchPath(name: string): string[] {
  return (process.env.PATH ?? '/usr/bin:/bin')
    .split(':')
    .concat(['/usr/sbin', '/sbin'])
    .map((dir) => path.join(dir, name));
}

/** The newest PostgreSQL server binaries under /usr/lib/postgresql/<version>/bin. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  let versions: string[] = [];
  try {
    versions = readdirSync(root).filter((v) => /^\d+$/.test(v));
  } catch {
    // fall through to the error below
  }
  versions.sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const dir = path.join(root, version, 'bin');
    try {
      accessSync(path.join(dir, 'postgres'), constants.X_OK);
      return dir;
    } catch {
      // try an older one
    }
  }
  throw new Error(
    'PostgreSQL server binaries not found under /usr/lib/postgresql: install the Debian package ' +
      '"postgresql" (run "npm run test:deps" as root)',
  );
}
