import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

export interface AtomicWriteOptions {
  /** Keep the file being replaced under this name (a hard link, so it costs no copy). */
  keepPreviousAs?: string;
  mode?: number;
}

const TEMP_SUFFIX = '.tmp';

function tempNameFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
}

/**
 * Replaces `target` so that a crash at any moment leaves either the old or the new content, never
 * a mix: the data goes to a temp file in the same directory, is fsynced, renamed over the target,
 * and the directory is fsynced so the rename itself survives a power cut.
 */
export async function writeFileAtomic(target: string, data: string | Buffer, options: AtomicWriteOptions = {}): Promise<void> {
  const dir = path.dirname(target);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = tempNameFor(target);
  const handle = await open(temp, 'wx', options.mode ?? 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    if (options.keepPreviousAs) await linkPrevious(target, options.keepPreviousAs);
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await fsyncDirectory(dir);
}

/** Points `previous` at the current content of `target` without a window where neither exists. */
async function linkPrevious(target: string, previous: string): Promise<void> {
  const staging = tempNameFor(previous);
  try {
    await link(target, staging);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return;
    if (!isCode(error, 'EPERM') && !isCode(error, 'ENOTSUP') && !isCode(error, 'EXDEV')) throw error;
    // File systems without hard links: fall back to a synced copy.
    const { copyFile } = await import('node:fs/promises');
    await copyFile(target, staging);
    const copy = await open(staging, 'r+');
    await copy.sync().finally(() => copy.close());
  }
  await rename(staging, previous);
}

export async function fsyncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    // Windows cannot open or fsync a directory; NTFS journals the rename itself.
    if (!isCode(error, 'EISDIR') && !isCode(error, 'EPERM') && !isCode(error, 'EINVAL') && !isCode(error, 'EACCES')) throw error;
  } finally {
    await handle?.close();
  }
}

/** Removes temp files left by a writer that died mid-write (this process is the only writer). */
export async function removeStaleTempFiles(target: string): Promise<void> {
  const dir = path.dirname(target);
  const prefix = `.${path.basename(target)}.`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return;
    throw error;
  }
  await Promise.all(
    names
      .filter((name) => name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX))
      .map((name) => unlink(path.join(dir, name)).catch(() => undefined)),
  );
}

export function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
