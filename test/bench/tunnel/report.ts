import { infoRow, ratioRow, type BenchRow, type InfoRow } from '../results';
import { median, type RoundSamples } from '../stats';
import { routeLabels, type RouteName } from './routes';

export type WorkloadKey = 'startup' | 'cursor' | 'select1' | 'bulk' | 'concurrent8';

/** The results.json rows of issue 3, from the per-round medians. */
const goalRows: { id: string; key: WorkloadKey; route: RouteName; reference: RouteName; unit: string; goal: string }[] = [
  { id: 'tunnel.connect_vs_openssh', key: 'startup', route: 'burrow', reference: 'openssh', unit: 'ms', goal: '<= 0.5' },
  { id: 'tunnel.cursor_fetch_vs_direct', key: 'cursor', route: 'burrow', reference: 'direct', unit: 'ms/round trip', goal: '<= 1.5' },
  { id: 'tunnel.select1_vs_direct', key: 'select1', route: 'burrow', reference: 'direct', unit: 'ms/query', goal: '<= 1.7' },
  { id: 'tunnel.bulk_vs_openssh', key: 'bulk', route: 'burrow', reference: 'openssh', unit: 'rows/s', goal: '>= 1.0' },
  { id: 'tunnel.concurrent8_vs_openssh', key: 'concurrent8', route: 'burrow', reference: 'openssh', unit: 'rows/s', goal: '>= 1.0' },
];

const referenceNames: Record<RouteName, string> = { ...routeLabels, openssh: 'OpenSSH ssh -L' };

/** The results.json rows of issue 3: the median of each variant's per-round values, and their ratio. */
export function tunnelRows(samples: RoundSamples): BenchRow[] {
  return goalRows.map((row) => ratioRow({
    id: row.id,
    value: samples.median(`${row.key}.${row.route}`),
    unit: row.unit,
    reference: referenceNames[row.reference],
    referenceValue: samples.median(`${row.key}.${row.reference}`),
    goal: row.goal,
  }));
}

/**
 * The same comparisons round by round (both variants of a round ran back to back), with their
 * median: a second view that is less sensitive to load that drifts during the run.
 */
export function pairedRatioLines(samples: RoundSamples): string[] {
  const lines = goalRows.map((row) => {
    const values = samples.all(`${row.key}.${row.route}`);
    const references = samples.all(`${row.key}.${row.reference}`);
    const ratios = values.map((value, round) => value / (references[round] ?? Number.NaN));
    return `  ${row.id.padEnd(30)} median ${median(ratios).toFixed(3)}  (${ratios.map((r) => r.toFixed(2)).join(' ')})`;
  });
  return ['per-round ratios (Burrow / reference, same round):', ...lines];
}

export function nativeBindingRow(loaded: boolean): BenchRow {
  return ratioRow({ id: 'ssh2.native_binding', value: loaded ? 1 : 0, unit: 'loaded', reference: 'required', referenceValue: 1, goal: '>= 1' });
}

/** The comparisons the goals do not cover, printed so the rows can be judged. */
export function contextRows(samples: RoundSamples): InfoRow[] {
  const units: Record<WorkloadKey, string> = { startup: 'ms', cursor: 'ms/round trip', select1: 'ms/query', bulk: 'rows/s', concurrent8: 'rows/s' };
  const compare = (key: WorkloadKey, route: RouteName, reference: RouteName): InfoRow[] =>
    samples.has(`${key}.${route}`) && samples.has(`${key}.${reference}`)
      ? [infoRow({
        label: `${key}: ${routeLabels[route]}`,
        value: samples.median(`${key}.${route}`),
        unit: units[key],
        reference: routeLabels[reference],
        referenceValue: samples.median(`${key}.${reference}`),
      })]
      : [];
  return [
    ...compare('startup', 'burrow', 'direct'),
    ...compare('startup', 'openssh', 'direct'),
    ...compare('cursor', 'openssh', 'direct'),
    ...compare('cursor', 'burrowNoPacer', 'direct'),
    ...compare('cursor', 'burrow', 'openssh'),
    ...compare('cursor', 'relay', 'direct'),
    ...compare('select1', 'openssh', 'direct'),
    ...compare('select1', 'burrowNoPacer', 'direct'),
    ...compare('select1', 'burrow', 'burrowNoPacer'),
    // The floor of any route through another process on this machine, SSH or not.
    ...compare('select1', 'relay', 'direct'),
    ...compare('select1', 'burrow', 'relay'),
    ...compare('bulk', 'burrow', 'direct'),
    ...compare('bulk', 'openssh', 'direct'),
    ...compare('concurrent8', 'burrow', 'direct'),
    ...compare('concurrent8', 'openssh', 'direct'),
  ];
}

/** Each measurement's per-round values, so noise on a shared machine is visible. */
export function perRoundLines(samples: RoundSamples): string[] {
  const keys = ['startup', 'cursor', 'select1', 'bulk', 'concurrent8'].flatMap((key) =>
    (Object.keys(routeLabels) as RouteName[]).map((route) => `${key}.${route}`));
  const format = (value: number): string => (value >= 1000 ? Math.round(value).toLocaleString('en-US') : value.toFixed(3));
  const lines = keys.filter((key) => samples.has(key)).map((key) => `  ${key.padEnd(26)} ${samples.all(key).map(format).join('  ')}`);
  return ['per-round values (ms, or rows/s):', ...lines];
}
