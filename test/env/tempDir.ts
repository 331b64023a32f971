import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TempDir {
  readonly path: string;
  join(...parts: string[]): string;
  remove(): void;
}

export function makeTempDir(prefix: string): TempDir {
  const dir = mkdtempSync(path.join(os.tmpdir(), `burrow-${prefix}-`));
  return {
    path: dir,
    join: (...parts) => path.join(dir, ...parts),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
