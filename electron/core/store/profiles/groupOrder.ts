import type { GroupPath } from '../../../../shared/profile';

export function sameGroup(a: GroupPath, b: GroupPath): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}

/** True when `group` is `prefix` or nested inside it. */
export function groupStartsWith(group: GroupPath, prefix: GroupPath): boolean {
  return prefix.length <= group.length && prefix.every((name, i) => name === group[i]);
}

/**
 * Inserts `item` so that it is the `index`-th member of its group (clamped to the end), keeping
 * every other item's relative order.
 */
export function placeInGroup<T extends { group: GroupPath }>(others: T[], item: T, index: number): T[] {
  const siblings = others.filter((other) => sameGroup(other.group, item.group));
  const result = [...others];
  if (index < siblings.length) {
    result.splice(result.indexOf(siblings[index]!), 0, item);
  } else if (siblings.length > 0) {
    result.splice(result.indexOf(siblings[siblings.length - 1]!) + 1, 0, item);
  } else {
    result.push(item);
  }
  return result;
}
