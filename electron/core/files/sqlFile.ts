import { readFile, stat } from 'node:fs/promises';
import { BurrowError } from '../../../shared/errors';
import { MAX_SQL_FILE_BYTES } from '../../../shared/sqlFiles';
import { writeFileAtomic } from '../store/files/atomicFile';

const reason = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * A SQL file's text for the editor: UTF-8 (a byte order mark dropped), at most MAX_SQL_FILE_BYTES.
 * A missing, unreadable, binary or non-UTF-8 file gets an error that says what to do.
 */
export async function readSqlFile(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    const size = (await stat(path)).size;
    if (size > MAX_SQL_FILE_BYTES) {
      throw new BurrowError('VALIDATION', `${path} is ${megabytes(size)}; the editor opens SQL files up to ${megabytes(MAX_SQL_FILE_BYTES)}. Run a bigger script with the database's own client (psql -f, mysql <).`, { path });
    }
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof BurrowError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BurrowError('NOT_FOUND', `there is no file at ${path}`, { path });
    throw new BurrowError('STORE_IO', `cannot read ${path}: ${reason(error)}`, { path });
  }
  if (bytes.includes(0)) throw new BurrowError('VALIDATION', `${path} is not a text file (it holds NUL bytes)`, { path });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BurrowError('VALIDATION', `${path} is not UTF-8 text: save it as UTF-8 in another editor and open it again`, { path });
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Replaces `path` with `text` atomically (a crash leaves the old file or the new one), keeping the file's permissions. */
export async function writeSqlFile(path: string, text: string): Promise<void> {
  const mode = await stat(path).then((info) => info.mode & 0o777, () => 0o644);
  try {
    await writeFileAtomic(path, text, { mode });
  } catch (error) {
    throw new BurrowError('STORE_IO', `cannot write ${path}: ${reason(error)}. Choose another place with Save As.`, { path });
  }
}
