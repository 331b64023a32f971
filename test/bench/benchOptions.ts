/** How much work one `npm run bench` does. The default follows the issues; `--quick` is for development. */
export interface BenchOptions {
  quick: boolean;
  /** Measured rounds per variant (a warm-up round comes first and is not counted). */
  rounds: number;
  /** Rows seeded for the bulk reads. */
  bulkRows: number;
}

// Seven rounds rather than the minimum five: the machine is small and shared, and medians need the margin.
const FULL: BenchOptions = { quick: false, rounds: 7, bulkRows: 1_000_000 };
const QUICK: BenchOptions = { quick: true, rounds: 2, bulkRows: 100_000 };

/** `--quick` (2 rounds, 100k rows) and `--rounds N` (at least 5 unless quick). */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const options = { ...(argv.includes('--quick') ? QUICK : FULL) };
  for (const [index, arg] of argv.entries()) {
    if (arg === '--quick') continue;
    if (arg === '--rounds') {
      const rounds = Number(argv[index + 1]);
      if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds needs a whole number');
      if (!options.quick && rounds < 5) throw new Error('a full run takes medians over at least 5 rounds');
      options.rounds = rounds;
    } else if (argv[index - 1] !== '--rounds') {
      throw new Error(`unknown argument "${arg}" (use --quick and/or --rounds N)`);
    }
  }
  return options;
}
