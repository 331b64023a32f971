import { writeFileSync } from 'node:fs';
import type { BenchOptions } from './benchOptions';

/** One row of test/bench/results.json, the format both issues specify. */
export interface BenchRow {
  id: string;
  value: number;
  unit: string;
  reference: string;
  referenceValue: number;
  /** value / referenceValue */
  ratio: number;
  /** Met when `ratio <op> number` holds, e.g. "<= 0.5" or ">= 1.0". */
  goal: string;
}

/** A printed-only comparison that gives the rows context; never written to results.json. */
export interface InfoRow {
  label: string;
  value: number;
  unit: string;
  reference: string;
  referenceValue: number;
  ratio: number;
}

/** What one benchmark group (tunnel, store, ...) contributes to the run. */
export interface GroupResult {
  rows: BenchRow[];
  info: InfoRow[];
  /** Printed lines: sizes, per-round spread, anything that could not be measured. */
  notes: string[];
  /** Problems that make the whole run fail (exit 1), such as a missing native binding. */
  fatal: string[];
}

export interface BenchGroup {
  name: string;
  run(options: BenchOptions): Promise<GroupResult>;
}

const significant = (value: number, digits = 4): number => (value === 0 ? 0 : Number(value.toPrecision(digits)));

/** Builds a row (keys in the documented order) with the ratio computed from the unrounded values. */
export function ratioRow(row: Omit<BenchRow, 'ratio'>): BenchRow {
  return {
    id: row.id,
    value: significant(row.value),
    unit: row.unit,
    reference: row.reference,
    referenceValue: significant(row.referenceValue),
    ratio: significant(row.value / row.referenceValue, 3),
    goal: row.goal,
  };
}

export function infoRow(row: Omit<InfoRow, 'ratio'>): InfoRow {
  return { ...row, value: significant(row.value), referenceValue: significant(row.referenceValue), ratio: significant(row.value / row.referenceValue, 3) };
}

export function goalMet(ratio: number, goal: string): boolean {
  const match = /^\s*(<=|>=|<|>)\s*(\d+(?:\.\d+)?)\s*$/.exec(goal);
  if (!match) throw new Error(`unreadable goal "${goal}"`);
  const bound = Number(match[2]);
  switch (match[1]) {
    case '<=':
      return ratio <= bound;
    case '>=':
      return ratio >= bound;
    case '<':
      return ratio < bound;
    default:
      return ratio > bound;
  }
}

export function writeResults(file: string, rows: readonly BenchRow[]): void {
  const ids = rows.map((row) => row.id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) throw new Error(`two benchmark rows share the id ${duplicate}`);
  writeFileSync(file, `${JSON.stringify(rows, null, 2)}\n`);
}
