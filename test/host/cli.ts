// Starts the test host against a data dir and prints its URL: `npm run host -- --data-dir DIR`.
// Test-only (never shipped): the renderer in any browser, wired to a real core, on 127.0.0.1.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startTestHost } from './testHost';

const flag = process.argv.indexOf('--data-dir');
const dataDir = path.resolve(flag >= 0 && process.argv[flag + 1] ? process.argv[flag + 1]! : '.tmp/host-data');
mkdirSync(dataDir, { recursive: true });
const host = await startTestHost({ dataDir });
console.log(`Burrow test host on ${host.origin} (data dir ${dataDir})`);
console.log(`Open: ${host.url}`);
console.log('Ctrl+C stops it.');
const stop = async (): Promise<void> => {
  await host.stop();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
