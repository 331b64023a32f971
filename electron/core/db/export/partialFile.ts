import { randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { BurrowError } from '../../../../shared/errors';

/**
 * An export's file while it is written: a temporary file beside the target, renamed over it only
 * by `commit`, so a failed or cancelled export never leaves a half file under the chosen name, nor
 * replaces a good one.
 */
export class PartialFile {
  private closed = false;
  bytes = 0;

  private constructor(
    readonly target: string,
    private readonly temporary: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(target: string): Promise<PartialFile> {
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.partial`);
    const handle = await open(temporary, 'wx').catch((error: NodeJS.ErrnoException) => {
      throw new BurrowError('EXPORT_FAILED', `cannot write in ${path.dirname(target)}: ${error.code ?? error.message}. Choose another folder.`, { path: target });
    });
    return new PartialFile(target, temporary, handle);
  }

  async write(text: string): Promise<void> {
    if (text.length === 0) return;
    const buffer = Buffer.from(text, 'utf8');
    await this.handle.write(buffer);
    this.bytes += buffer.length;
  }

  /** Flushes to disk and puts the file under its name. */
  async commit(): Promise<void> {
    await this.handle.sync();
    this.closed = true;
    await this.handle.close();
    await rename(this.temporary, this.target);
  }

  /** Removes the temporary file; the target is left as it was. */
  async abort(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      await this.handle.close().catch(() => {});
    }
    await rm(this.temporary, { force: true });
  }
}

/** An export's failure as the user sees it: a BurrowError passes, anything else names the file. */
export function exportFailure(error: unknown, target: string): BurrowError {
  if (error instanceof BurrowError) return error;
  return new BurrowError('EXPORT_FAILED', `export to ${target} failed: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { path: target });
}
