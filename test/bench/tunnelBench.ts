import { performance } from 'node:perf_hooks';
import { sshNativeCryptoLoaded } from '../../electron/core/ssh/nativeCrypto';
import { listeningSocketsOf } from '../env';
import type { BenchOptions } from './benchOptions';
import type { BenchGroup, GroupResult } from './results';
import { median, RoundSamples } from './stats';
import { seedBenchTable, startTunnelBenchEnv, type TunnelBenchEnv } from './tunnel/env';
import { contextRows, nativeBindingRow, pairedRatioLines, perRoundLines, tunnelRows, type WorkloadKey } from './tunnel/report';
import { openRoutes, type OpenRoutes, type RouteName } from './tunnel/routes';
import { burrowStartToSelect1, directStartToSelect1, opensshStartToSelect1 } from './tunnel/startup';
import { bulkReadRate, concurrentReadRate, cursorFetchLatencies, select1Latencies, withPg } from './tunnel/workloads';

/** How much each workload does in one round; the warm-up round does less. */
interface RoundSize {
  select1Queries: number;
  cursorBatches: number;
  bulkRows: number;
}

interface Workload {
  key: WorkloadKey;
  routes: RouteName[];
  measure(route: RouteName, size: RoundSize): Promise<number>;
}

const CURSOR_BATCH_ROWS = 1000;
const CONCURRENT_READS = 8;

export const tunnelBench: BenchGroup = { name: 'tunnel', run: runTunnelBench };

const startedAt = performance.now();
const progress = (text: string): void => console.error(`[bench ${((performance.now() - startedAt) / 1000).toFixed(1)}s] ${text}`);

async function runTunnelBench(options: BenchOptions): Promise<GroupResult> {
  const fatal: string[] = [];
  const nativeLoaded = sshNativeCryptoLoaded();
  if (!nativeLoaded) {
    fatal.push("ssh2's native crypto binding is NOT loaded: every tunnel number below runs on JS ciphers. " +
      'Rebuild it against this Node: `source scripts/toolchain.sh && npm rebuild ssh2 cpu-features`.');
    console.error(`\n*** ${fatal[0]} ***\n`);
  }
  progress('starting sshd and PostgreSQL');
  const env = await startTunnelBenchEnv();
  try {
    progress(`seeding ${options.bulkRows.toLocaleString('en-US')} rows`);
    const { tableBytes } = await seedBenchTable(env.db, options.bulkRows);
    const routes = await openRoutes(env);
    try {
      const measured = await runRounds(env, routes, options, fatal);
      const notes = [
        `bench table: ${options.bulkRows.toLocaleString('en-US')} rows, ${(tableBytes / 1e6).toFixed(0)} MB; ` +
          `cursor batches of ${CURSOR_BATCH_ROWS} rows are ~${(measured.batchBytes / 1024).toFixed(0)} KiB on the wire`,
        `${options.rounds} measured rounds after a warm-up, variants interleaved (order rotated each round); medians of per-round values`,
        ...pairedRatioLines(measured.samples),
        ...perRoundLines(measured.samples),
      ];
      return {
        rows: [...tunnelRows(measured.samples), nativeBindingRow(nativeLoaded)],
        info: contextRows(measured.samples),
        notes,
        fatal,
      };
    } finally {
      await routes.close();
    }
  } finally {
    await env.stop();
  }
}

async function runRounds(
  env: TunnelBenchEnv,
  routes: OpenRoutes,
  options: BenchOptions,
  fatal: string[],
): Promise<{ samples: RoundSamples; batchBytes: number }> {
  let batchBytes = 0;
  const config = (route: RouteName): NonNullable<OpenRoutes['configs'][RouteName]> => {
    const found = routes.configs[route];
    if (!found) throw new Error(`route ${route} is not open`);
    return found;
  };
  const open = (names: RouteName[]): RouteName[] => names.filter((name) => routes.configs[name]);
  const workloads: Workload[] = [
    {
      key: 'startup',
      routes: ['burrow', 'openssh', 'direct'],
      measure: (route) =>
        route === 'burrow' ? burrowStartToSelect1(env.ssh, env.db)
          : route === 'openssh' ? opensshStartToSelect1(env.ssh, env.db, env.dir.path)
            : directStartToSelect1(env.db),
    },
    {
      key: 'cursor',
      routes: open(['direct', 'burrow', 'openssh', 'burrowNoPacer', 'relay']),
      measure: async (route, size) => {
        const fetched = await withPg(config(route), (client) => cursorFetchLatencies(client, CURSOR_BATCH_ROWS, size.cursorBatches));
        batchBytes = fetched.batchBytes;
        return median(fetched.latencies);
      },
    },
    {
      key: 'select1',
      routes: open(['direct', 'burrow', 'openssh', 'burrowNoPacer', 'relay']),
      measure: async (route, size) => median(await withPg(config(route), (client) => select1Latencies(client, size.select1Queries))),
    },
    { key: 'bulk', routes: ['direct', 'burrow', 'openssh'], measure: (route, size) => bulkReadRate(config(route), size.bulkRows) },
    {
      key: 'concurrent8',
      routes: ['direct', 'burrow', 'openssh'],
      measure: (route, size) => concurrentReadRate(config(route), CONCURRENT_READS, size.bulkRows),
    },
  ];

  const full: RoundSize = { select1Queries: 2000, cursorBatches: 30, bulkRows: options.bulkRows };
  const warmUp: RoundSize = { select1Queries: 200, cursorBatches: 5, bulkRows: Math.min(options.bulkRows, 100_000) };
  progress('warm-up round');
  await runRound(workloads, warmUp, 0, new RoundSamples());
  const samples = new RoundSamples();
  for (let round = 1; round <= options.rounds; round++) {
    progress(`round ${round}/${options.rounds}`);
    await runRound(workloads, full, round, samples);
    const listening = listeningSocketsOf('self');
    if (listening.length > 0 && fatal.every((text) => !text.startsWith('listening'))) {
      fatal.push(`listening sockets in the benchmark process (Burrow must open none): ${listening.map((s) => s.port).join(', ')}`);
    }
  }
  return { samples, batchBytes };
}

async function runRound(workloads: readonly Workload[], size: RoundSize, round: number, samples: RoundSamples): Promise<void> {
  for (const workload of workloads) {
    for (const route of rotate(workload.routes, round)) {
      samples.add(`${workload.key}.${route}`, await workload.measure(route, size));
    }
  }
}

const rotate = <T>(list: readonly T[], by: number): T[] => {
  const shift = list.length === 0 ? 0 : by % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
};
