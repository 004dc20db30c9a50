/**
 * Work that runs to completion: Jobs, CronJobs, and bare Pods with `restartPolicy: Never` or
 * `OnFailure`. Their pods do not run all month, so a month of requests would be wrong and zero would be
 * a lie. Pod-hours a month come from, in order:
 *
 * 1. the usage file: `monthly_pod_hours` (every pod of every run), or `run_hours` (how long each pod of
 *    a run takes) × pods a run × runs a month;
 * 2. else an upper bound from `activeDeadlineSeconds`: a run stops by then, with at most `parallelism`
 *    pods at a time, so runs × parallelism × deadline (for a CronJob that forbids or replaces
 *    concurrent runs, never more than one Job running the whole month);
 * 3. else the lines are "usage not given" ($0, saying what to set), like other usage-billed costs.
 *
 * Runs a month: a Job (or Pod) runs once, counted in the month it is created; a CronJob as often as
 * its schedule fires in 730 hours (src/kubernetes/schedule.ts); a suspended one not at all.
 * Pods a run: `completions`, else `parallelism` (a work queue), else 1.
 */
import Big from 'big.js';
import { at } from '../../../kubernetes/kinds.ts';
import { podRequest } from '../../../kubernetes/pod.ts';
import { runsPerMonth } from '../../../kubernetes/schedule.ts';
import { formatCount, HOURS_PER_MONTH } from '../../money.ts';
import { formatQuantity } from '../../units.ts';
import { known } from '../quantity.ts';
import type { ComponentSpec, PricerInput, Pricer, Quantity } from '../types.ts';
import { notBuiltIn } from './built-in.ts';
import { requestComponents } from './requests.ts';

export const job: Pricer = {
  types: ['k8s:Job', 'k8s:CronJob'],
  summary: 'pod-hours of runs (usage, else an activeDeadlineSeconds bound) × effective request × rate',
  usage: {
    monthly_pod_hours: 'pod-hours a month, every pod of every run',
    run_hours: 'hours each pod of a run takes (× pods a run × runs a month)',
  },
  components(input) {
    const { resource, side } = input;
    const meta = resource.kubernetes;
    const object = side === 'after' ? resource.after : resource.before;
    if (!meta || !object) return [];
    const other = notBuiltIn(resource);
    if (other) return other;
    if (meta.kind === 'Job') return runToCompletion(input, object, ['spec', 'template', 'spec'], ['spec']);
    const schedule = at(object, ['spec', 'schedule']);
    const parsed = typeof schedule === 'string' ? runsPerMonth(schedule) : undefined;
    const runs = parsed?.ok ? parsed.runsPerMonth : new Big(0);
    const policy = at(object, ['spec', 'concurrencyPolicy']);
    return runToCompletion(
      input,
      object,
      ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
      ['spec', 'jobTemplate', 'spec'],
      {
        runs: at(object, ['spec', 'suspend']) === true ? new Big(0) : runs,
        note: `${formatQuantity(runs, 'runs', 2)} a month (schedule "${String(schedule)}")`,
        oneAtATime: policy === 'Forbid' || policy === 'Replace',
        deadlineAt: 'spec.jobTemplate.spec.activeDeadlineSeconds',
      },
    );
  },
};

interface Runs {
  runs: Big;
  note: string;
  /** At most one Job runs at a time (concurrencyPolicy Forbid or Replace). */
  oneAtATime: boolean;
  /** Where the deadline is set, for what to do when nothing is known. */
  deadlineAt: string;
}

/**
 * The request lines of pods that run to completion. `jobSpec` is where completions, parallelism and
 * the deadline are: a Job's spec; for a bare Pod its own spec (which has a deadline, not the rest).
 */
export function runToCompletion(
  input: PricerInput,
  object: unknown,
  podSpec: string[],
  jobSpec: string[] = podSpec,
  given?: Runs,
): ComponentSpec[] {
  const suspended = at(object, [...jobSpec, 'suspend']) === true;
  const runs: Runs = given ?? {
    runs: new Big(suspended ? 0 : 1),
    note: suspended ? 'suspended' : '1 run',
    oneAtATime: true,
    deadlineAt: `${jobSpec.join('.')}.activeDeadlineSeconds`,
  };
  const int = (key: string): number | undefined => {
    const v = at(object, [...jobSpec, key]);
    return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
  };
  const parallelism = int('parallelism');
  const pods = int('completions') ?? parallelism ?? 1;
  const concurrent = Math.min(parallelism ?? 1, pods);
  const deadline = int('activeDeadlineSeconds');
  const monthly = input.usage.number('monthly_pod_hours');
  const perPod = input.usage.number('run_hours');

  let quantity: Quantity;
  let note: string;
  if (monthly !== undefined) {
    quantity = known(monthly);
    note = `${formatQuantity(monthly, 'pod-hours', 2)} (monthly_pod_hours, usage file)`;
  } else if (runs.runs.eq(0)) {
    quantity = known(0);
    note = `${runs.note}: no runs`;
  } else if (perPod !== undefined) {
    quantity = known(runs.runs.times(pods).times(perPod));
    note = `${runs.note} × ${pods} pod${pods === 1 ? '' : 's'} × ${formatCount(perPod, 2)} h (run_hours, usage file)`;
  } else if (deadline !== undefined) {
    let bound = runs.runs.times(concurrent).times(deadline).div(3600);
    const cap = new Big(concurrent * HOURS_PER_MONTH);
    if (runs.oneAtATime && bound.gt(cap)) bound = cap;
    quantity = known(bound);
    note = `at most: ${runs.note} × ${concurrent} pod${concurrent === 1 ? '' : 's'} at a time × ${deadline} s (activeDeadlineSeconds)`;
  } else {
    quantity = {
      kind: 'usage',
      key: `run_hours (hours each pod of a run takes; or monthly_pod_hours, or set ${runs.deadlineAt})`,
    };
    note = runs.note;
  }
  return requestComponents(podRequest(object, podSpec), { quantity, note, hourly: false }, input.kubernetes);
}
