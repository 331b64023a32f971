import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames } from '../../../shared/contract';
import { errorCodes } from '../../../shared/errors';
import { createCore, type Core } from '../../../electron/core/createCore';
import { makeTempDir, type TempDir } from '../../env/tempDir';

/** Deterministic junk: a seeded generator of values nested a few levels deep. */
function junkGenerator(seed: number) {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const strings = ['', ' ', 'a', '../../etc/passwd', '\u0000', '😀', 'x'.repeat(5000), '__proto__', 'constructor', 'SELECT 1', '-1', 'NaN'];
  const value = (depth: number): unknown => {
    const kind = Math.floor(next() * (depth > 2 ? 7 : 10));
    switch (kind) {
      case 0: return null;
      case 1: return undefined;
      case 2: return next() < 0.5;
      case 3: return [0, -1, 1.5, 70000, Number.MAX_SAFE_INTEGER, Number.NaN, Infinity][Math.floor(next() * 7)];
      case 4: return strings[Math.floor(next() * strings.length)];
      case 5: return BigInt(Math.floor(next() * 1000)).toString();
      case 6: return Math.floor(next() * 100);
      case 7: return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
      default: {
        const keys = ['id', 'name', 'host', 'port', 'engine', 'sql', 'profileId', 'payload', '__proto__', 'x', 'hops', 'text'];
        const object: Record<string, unknown> = {};
        for (let i = Math.floor(next() * 5); i > 0; i--) object[keys[Math.floor(next() * keys.length)]!] = value(depth + 1);
        return object;
      }
    }
  };
  return { value: () => value(0), pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string): void => {
    for (const entry of readdirSync(current)) {
      const full = path.join(current, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files[path.relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return files;
}

describe('IPC fuzz: 10,000 malformed payloads across every channel', () => {
  let dataDir: TempDir;
  let core: Core;

  beforeAll(() => {
    dataDir = makeTempDir('fuzz');
    core = createCore({ dataDir: dataDir.path, appVersion: '0.0.0-fuzz', runtime: 'test-host', electronVersion: null });
  });

  afterAll(async () => {
    await core?.close();
    dataDir?.remove();
  });

  it('answers every call with a well-formed envelope, never throws, and changes no stored data', async () => {
    const before = snapshot(dataDir.path);
    const junk = junkGenerator(20261121);
    const codes = new Set<string>(errorCodes);
    const channels = [...channelNames, 'nope.nothing', '__proto__.x', 'app', ''];
    let errors = 0;
    for (let i = 0; i < 10_000; i++) {
      const channel = junk.pick(channels);
      const payload = junk.value();
      const result = (await core.dispatch(channel, payload)) as { ok: boolean; error?: { code: string; message: string } };
      expect(typeof result.ok).toBe('boolean');
      if (!result.ok) {
        errors += 1;
        expect(codes.has(result.error!.code)).toBe(true);
        expect(typeof result.error!.message).toBe('string');
        expect(result.error!.message.length).toBeGreaterThan(0);
      }
    }
    // Nearly everything is refused; the few valid payloads (e.g. app.info({})) are read-only.
    expect(errors).toBeGreaterThan(9_000);
    expect(snapshot(dataDir.path)).toEqual(before);
  });
});
