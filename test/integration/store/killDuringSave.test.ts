import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profilesDocumentSchema } from '../../../electron/core/store/profiles/profilesFile';
import { makeTempDir, type TempDir } from '../../env';

const ROUNDS = 100;

function runUntilKilled(script: string, dataDir: string, delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`saver exited without being killed: ${stderr}`))));
  });
}

describe('a process killed in the middle of saving profiles', () => {
  let dir: TempDir;
  beforeAll(() => {
    dir = makeTempDir('kill');
  });
  afterAll(() => dir.remove());

  it(`leaves a valid profiles file every time (${ROUNDS} SIGKILLs at random moments)`, { timeout: 600_000 }, async () => {
    const script = path.join(import.meta.dirname, 'fixtures', 'saveLoop.ts');
    const dataDir = dir.join('data');
    const counts: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      await runUntilKilled(script, dataDir, Math.floor(Math.random() * 120));
      const text = readFileSync(path.join(dataDir, 'profiles.json'), 'utf8');
      const parsed = profilesDocumentSchema.safeParse(JSON.parse(text));
      expect(parsed.success, `round ${round}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
      counts.push(parsed.data!.profiles.length);
    }
    // Saves really happened across the rounds (the file grew to the loop's 40-profile working set).
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(40);
  });
});
