import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { BurrowError } from '../../../../shared/errors';
import { SerialQueue } from './serialQueue';
import { isCode, removeStaleTempFiles, writeFileAtomic } from './atomicFile';

/** Upgrades a parsed document of version N to version N + 1. */
export type Migration = (document: Record<string, unknown>) => Record<string, unknown>;

export interface VersionedJsonFileOptions<T extends { version: number }> {
  path: string;
  /** Human name for messages: "profiles". */
  label: string;
  version: number;
  schema: z.ZodType<T>;
  /** migrations[n] turns version n into version n + 1. */
  migrations: Record<number, Migration>;
  empty(): T;
}

type Loaded<T> = { document: T; source: 'file' | 'new' };

/**
 * A JSON document on disk with a version number, validated on every load and every save. Saves
 * are atomic and serialised, and the previous good file is kept as `<name>.last-good`. A file that
 * fails to parse or validate is copied aside (`<name>.corrupt-<hash>`) and reported as
 * STORE_CORRUPT on every access until the user recovers; it is never replaced by an empty document
 * behind their back.
 */
export class VersionedJsonFile<T extends { version: number }> {
  private readonly queue = new SerialQueue();
  private cached: T | undefined;

  constructor(private readonly options: VersionedJsonFileOptions<T>) {}

  get path(): string {
    return this.options.path;
  }

  get lastGoodPath(): string {
    return `${this.options.path}.last-good`;
  }

  read(): Promise<T> {
    return this.queue.run(async () => structuredClone(await this.loadCurrent()));
  }

  /** Read-modify-write under the queue; `change` returns the new document and a result. */
  update<R>(change: (document: T) => Promise<{ document: T; result: R }> | { document: T; result: R }): Promise<R> {
    return this.queue.run(async () => {
      const current = structuredClone(await this.loadCurrent());
      const { document, result } = await change(current);
      await this.write(this.validate(document, 'save'), true);
      return result;
    });
  }

  /** After STORE_CORRUPT: put the last good copy back, or start empty. The corrupt file stays aside. */
  recover(source: 'lastGood' | 'empty'): Promise<T> {
    return this.queue.run(async () => {
      let document: T;
      if (source === 'empty') {
        document = this.options.empty();
      } else {
        const text = await this.readText(this.lastGoodPath);
        if (text === null) throw new BurrowError('NOT_FOUND', `there is no last good copy of the ${this.options.label} file`);
        const parsed = this.decode(text, this.lastGoodPath);
        if (!parsed.ok) throw new BurrowError('STORE_CORRUPT', `the last good copy of the ${this.options.label} file is unreadable too: ${parsed.reason}`);
        document = parsed.document;
      }
      await this.keepCorruptCopy();
      await this.write(document, false);
      return structuredClone(document);
    });
  }

  private async loadCurrent(): Promise<T> {
    if (this.cached) return this.cached;
    const loaded = await this.load();
    if (loaded.source === 'file') this.cached = loaded.document;
    return loaded.document;
  }

  private async load(): Promise<Loaded<T>> {
    const { label } = this.options;
    await removeStaleTempFiles(this.options.path);
    const text = await this.readText(this.options.path);
    if (text === null) {
      if ((await this.readText(this.lastGoodPath)) !== null) {
        throw new BurrowError('STORE_CORRUPT', `the ${label} file is missing but a last good copy exists; restore it or start empty`, {
          file: this.options.path,
          lastGoodAvailable: true,
        });
      }
      return { document: this.options.empty(), source: 'new' };
    }
    const decoded = this.decode(text, this.options.path);
    if (!decoded.ok) {
      const keptAs = await this.keepCorruptCopy(text);
      const lastGoodAvailable = (await this.readText(this.lastGoodPath)) !== null;
      throw new BurrowError(
        'STORE_CORRUPT',
        `the ${label} file is damaged (${decoded.reason}); it was kept as ${path.basename(keptAs)}` +
          (lastGoodAvailable ? '; the last good copy can be restored' : ''),
        { file: this.options.path, keptAs, lastGoodAvailable },
      );
    }
    if (decoded.migratedFrom !== null) {
      // Keep the pre-migration file: a downgrade or a migration bug must not cost the user data.
      await writeFileAtomic(`${this.options.path}.v${decoded.migratedFrom}`, text);
      await this.write(decoded.document, false);
    }
    return { document: decoded.document, source: 'file' };
  }

  private decode(text: string, file: string): { ok: true; document: T; migratedFrom: number | null } | { ok: false; reason: string } {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      return { ok: false, reason: `not valid JSON: ${(error as Error).message}` };
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'not a JSON object' };
    let document = raw as Record<string, unknown>;
    const version = document.version;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      return { ok: false, reason: 'it has no valid "version" field' };
    }
    if (version > this.options.version) {
      throw new BurrowError(
        'UNSUPPORTED',
        `${path.basename(file)} was written by a newer Burrow (format ${version}, this one reads up to ${this.options.version}); update Burrow`,
        { file, version },
      );
    }
    for (let from = version; from < this.options.version; from += 1) {
      const migrate = this.options.migrations[from];
      if (!migrate) return { ok: false, reason: `no migration from format ${from}` };
      try {
        document = migrate(document);
      } catch (error) {
        return { ok: false, reason: `format ${from} could not be upgraded: ${(error as Error).message}` };
      }
    }
    const parsed = this.options.schema.safeParse(document);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, reason: `${issue?.path.join('.') || '(document)'}: ${issue?.message ?? 'invalid'}` };
    }
    return { ok: true, document: parsed.data, migratedFrom: version < this.options.version ? version : null };
  }

  private validate(document: T, action: string): T {
    const parsed = this.options.schema.safeParse(document);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || '(document)';
      throw new BurrowError('VALIDATION', `${this.options.label} ${action}: ${field}: ${issue?.message ?? 'invalid'}`, { field });
    }
    return parsed.data;
  }

  private async write(document: T, keepPrevious: boolean): Promise<void> {
    try {
      await writeFileAtomic(this.options.path, `${JSON.stringify(document, null, 2)}\n`, keepPrevious ? { keepPreviousAs: this.lastGoodPath } : {});
    } catch (error) {
      this.cached = undefined;
      throw new BurrowError('STORE_IO', `could not save the ${this.options.label} file: ${(error as Error).message}`, { file: this.options.path });
    }
    this.cached = document;
  }

  private async keepCorruptCopy(text?: string): Promise<string> {
    const content = text ?? (await this.readText(this.options.path));
    if (content === null) return '';
    const hash = createHash('sha256').update(content).digest('hex').slice(0, 12);
    const keptAs = `${this.options.path}.corrupt-${hash}`;
    try {
      await writeFile(keptAs, content, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if (!isCode(error, 'EEXIST')) throw new BurrowError('STORE_IO', `could not keep the damaged ${this.options.label} file aside: ${(error as Error).message}`);
    }
    return keptAs;
  }

  private async readText(file: string): Promise<string | null> {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      if (isCode(error, 'ENOENT')) return null;
      throw new BurrowError('STORE_IO', `could not read ${path.basename(file)}: ${(error as Error).message}`, { file });
    }
  }
}
