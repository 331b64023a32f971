import { fileURLToPath } from 'node:url';
import { parseBenchOptions } from './benchOptions';
import { type BenchGroup, type BenchRow, type InfoRow, writeResults } from './results';
import { formatInfo, formatRows } from './table';
import { storeBench } from './store/storeBench';
import { tunnelBench } from './tunnelBench';

// `npm run bench`: every benchmark group runs against real servers it starts itself; their rows
// go to one results.json (a --quick run writes results.quick.json instead, so it never stands in
// for a full run). Another group (e.g. the result store's) is added to this list.
const groups: BenchGroup[] = [tunnelBench, storeBench];

// Ctrl-C: leave through process.exit so test/env's exit hook kills the servers we started.
process.once('SIGINT', () => process.exit(130));

const options = parseBenchOptions(process.argv.slice(2));
const rows: BenchRow[] = [];
const info: InfoRow[] = [];
const notes: string[] = [];
const fatal: string[] = [];

for (const group of groups) {
  try {
    const result = await group.run(options);
    rows.push(...result.rows);
    info.push(...result.info);
    notes.push(...result.notes);
    fatal.push(...result.fatal);
  } catch (error) {
    fatal.push(`the ${group.name} benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

const resultsFile = fileURLToPath(new URL(options.quick ? './results.quick.json' : './results.json', import.meta.url));
writeResults(resultsFile, rows);

console.log(`\nBenchmarks${options.quick ? ' (--quick: fewer rounds and rows than the issues ask for)' : ''}\n`);
console.log(formatRows(rows));
if (info.length > 0) console.log(`\n${formatInfo(info)}`);
if (notes.length > 0) console.log(`\n${notes.join('\n')}`);
console.log(`\nwrote ${resultsFile}`);
if (fatal.length > 0) {
  console.error(`\nBENCHMARK RUN FAILED:\n${fatal.map((text) => `  - ${text}`).join('\n')}`);
  process.exitCode = 1;
}
