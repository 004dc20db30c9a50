import type Big from 'big.js';
import type { ResourceCost } from '../model/cost.ts';
import { DecimalSums } from './money.ts';

/**
 * The costs of a run counted once for the totals and the showback: resources with the same bill
 * share one ResourceCost (see fillCosts), so each distinct cost is converted to the common scale
 * once, and every resource is an index into them.
 */
export interface CostTally {
  /** The distinct costs, in the order first met. */
  distinct: ResourceCost[];
  /** `index[i]` is resource i's position in `distinct`. */
  index: Int32Array;
  /** How many resources carry each distinct cost. */
  counts: number[];
  /** Every amount of every distinct cost (before, after and the tops of ranges), exactly. */
  sums: DecimalSums;
}

/** `costs[i]` is resource i's cost (see CostResult). */
export function tallyCosts(costs: readonly ResourceCost[]): CostTally {
  const position = new Map<ResourceCost, number>();
  const distinct: ResourceCost[] = [];
  const counts: number[] = [];
  const index = new Int32Array(costs.length);
  for (let i = 0; i < costs.length; i++) {
    const cost = costs[i] as ResourceCost;
    let k = position.get(cost);
    if (k === undefined) {
      k = distinct.length;
      position.set(cost, k);
      distinct.push(cost);
      counts.push(0);
    }
    index[i] = k;
    counts[k] = (counts[k] as number) + 1;
  }
  const amounts: Big[] = [];
  for (const cost of distinct) {
    amounts.push(cost.monthlyBefore, cost.monthlyAfter);
    if (cost.max) amounts.push(cost.max.before, cost.max.after);
  }
  return { distinct, index, counts, sums: new DecimalSums(amounts) };
}
