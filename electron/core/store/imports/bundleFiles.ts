import { readFile, stat, writeFile } from 'node:fs/promises';
import { BurrowError } from '../../../../shared/errors';
import { MAX_BUNDLE_BYTES } from '../../../../shared/imports';

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** A connections file's text, for preview and import; a missing, unreadable or oversized file gets a clear error. */
export async function readBundleFile(path: string): Promise<string> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BurrowError('NOT_FOUND', `there is no file at ${path}`);
    throw new BurrowError('STORE_IO', `cannot read ${path}: ${reason(error)}`);
  }
  if (size > MAX_BUNDLE_BYTES) throw new BurrowError('VALIDATION', `${path} is ${Math.ceil(size / 1024 / 1024)} MB; a connections file is at most ${MAX_BUNDLE_BYTES / 1024 / 1024} MB`);
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new BurrowError('STORE_IO', `cannot read ${path}: ${reason(error)}`);
  }
}

/** Writes an exported connections file, readable by its owner only (it names hosts and users, never secrets). */
export async function writeBundleFile(path: string, json: string): Promise<void> {
  try {
    await writeFile(path, json, { mode: 0o600 });
  } catch (error) {
    throw new BurrowError('STORE_IO', `cannot write ${path}: ${reason(error)}`);
  }
}
