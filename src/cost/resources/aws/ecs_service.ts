import type Big from 'big.js';
import { UNKNOWN, type AttrView, type Unknown } from '../../attributes.ts';
import { dec, HOURS_PER_MONTH } from '../../money.ts';
import { afterApply, known, unknownQuantity } from '../quantity.ts';
import type { ComponentSpec, Pricer, PricerInput, Quantity } from '../types.ts';
import { followReference, leftToDefault, withDefault } from './shared/references.ts';

/** Fargate includes 20 GiB of ephemeral storage per task; only what is configured above it bills. */
const FREE_EPHEMERAL_GIB = 20;

/**
 * An ECS service on Fargate bills, for each running task, the task definition's vCPU and memory by
 * the hour: cpu units / 1024 vCPU and memory MiB / 1024 GB, times `desired_count` (default 0), 730
 * hours a month; plus ephemeral storage configured above the free 20 GiB. A `desired_count` known
 * only after apply keeps the task lines unknown. DAEMON services run a task per EC2 container
 * instance and are not priced here (Fargate does not support them). The task size comes from
 * the referenced aws_ecs_task_definition, matched by its ARN, `family:revision` or family, or, when
 * the definition changes in the same plan (its ARN is unknown), through the configuration's
 * reference to it.
 *
 * Fargate is `launch_type = "FARGATE"` or a capacity provider strategy with FARGATE; in a strategy
 * the `base` tasks go first to its provider and the rest are split by `weight`. FARGATE_SPOT tasks
 * are named as not priced (the catalog holds on-demand prices). The EC2 and EXTERNAL launch types
 * and EC2 capacity providers run on instances billed as aws_instance or aws_autoscaling_group, so
 * they add no component here: a service wholly on EC2 is free at this level. ARM64 tasks use the
 * Fargate ARM prices and Windows tasks need Windows prices and the Windows license fee; the catalog
 * has none of these today, so those lines say so.
 */
export const ecsService: Pricer = {
  types: ['aws_ecs_service'],
  summary: 'Fargate vCPU and memory of the task definition × desired_count, ephemeral storage above 20 GB',
  components(input) {
    const { attrs, resource } = input;
    const strategies = attrs.blocks('capacity_provider_strategy');
    const launchType = attrs.str('launch_type');
    const scheduling = withDefault(
      resource,
      ['scheduling_strategy'],
      attrs.str('scheduling_strategy'),
      'REPLICA',
    );
    if (scheduling === 'DAEMON') return daemon(strategies, launchType);
    // desired_count is not computed: unknown, it comes from an expression, not the default.
    const count = attrs.num('desired_count');
    const desired: Share =
      scheduling === UNKNOWN
        ? { reason: `${afterApply('scheduling_strategy')}: the number of tasks depends on it` }
        : count === UNKNOWN
          ? { reason: afterApply('desired_count') }
          : { tasks: count ?? dec(0) };

    let fargate: Share = { tasks: dec(0) };
    let spot: Share = { tasks: dec(0) };
    if (strategies === UNKNOWN) {
      fargate = { reason: afterApply('capacity_provider_strategy') };
    } else if (strategies.length > 0) {
      const split = splitByStrategy(strategies, desired);
      fargate = split('FARGATE');
      spot = split('FARGATE_SPOT');
    } else if (launchType === 'FARGATE') {
      fargate = desired;
    } else if (launchType === UNKNOWN) {
      // Unset, the service takes the cluster's default capacity provider strategy, else EC2.
      const reason = leftToDefault(resource, ['launch_type'])
        ? "launch_type is known only after apply: the service takes its cluster's default capacity provider strategy"
        : afterApply('launch_type');
      fargate = { reason };
    }
    // EC2, EXTERNAL and EC2 capacity providers: the instances bill, not the service.
    if (none(fargate) && none(spot) && !onFargate(strategies, launchType)) return [];

    const task = taskSize(input);
    const components: ComponentSpec[] = [];
    if (!none(fargate) || none(spot)) components.push(...fargateLines(task, fargate, 'Fargate'));
    if (!none(spot)) {
      const reason = 'Fargate Spot prices are not in the catalog (it holds on-demand prices)';
      components.push(
        ...fargateLines(task, spot, 'Fargate Spot').map((c) =>
          c.quantity.kind === 'known' ? { ...c, skus: [], unpricedReason: reason } : c,
        ),
      );
    }
    // Zero tasks is what the service runs until something scales it; said, so $0 is not a surprise.
    if (count === undefined && scheduling === 'REPLICA')
      return components.map((c) => ({ ...c, note: DEFAULT_COUNT }));
    return components;
  },
};

const DEFAULT_COUNT =
  "desired_count is not set: the provider's default is 0 tasks (an autoscaling policy may run more)";

/** Whether the service asks for Fargate capacity, by launch type or in its capacity provider strategy. */
function onFargate(strategies: AttrView[] | Unknown, launchType: string | Unknown | undefined): boolean {
  if (launchType === 'FARGATE') return true;
  if (strategies === UNKNOWN) return false;
  return strategies.some((s) => {
    const provider = s.str('capacity_provider');
    return provider === 'FARGATE' || provider === 'FARGATE_SPOT';
  });
}

/**
 * A DAEMON service runs one task on each container instance of its cluster, without desired_count:
 * its tasks run on EC2 instances billed where they are defined. Fargate has no container instances
 * and does not support DAEMON: AWS rejects such a service, so its tasks are not priced.
 */
function daemon(strategies: AttrView[] | Unknown, launchType: string | Unknown | undefined): ComponentSpec[] {
  if (!onFargate(strategies, launchType)) return [];
  const reason =
    'scheduling_strategy DAEMON runs one task per container instance, which Fargate does not support: AWS rejects this service';
  return fargateLines({ reason }, { reason }, 'Fargate');
}

/** Tasks (all of them, or those on one kind of capacity), or why their number is not known. */
type Share = { tasks: Big } | { reason: string };

function none(share: Share): boolean {
  return 'tasks' in share && share.tasks.eq(0);
}

/**
 * ECS places `base` tasks on the provider that has one, then spreads the rest by weight. The weighted
 * share is kept as a fraction: over a month it is the expected number of tasks on each provider.
 */
function splitByStrategy(strategies: AttrView[], count: Share): (provider: string) => Share {
  return (provider) => {
    let base = dec(0);
    let own: { base: Big; weight: Big } | undefined;
    let total = dec(0);
    for (const [i, s] of strategies.entries()) {
      const name = s.str('capacity_provider');
      const b = s.num('base') ?? dec(0);
      const w = s.num('weight') ?? dec(0);
      if (name === UNKNOWN)
        return { reason: afterApply(`capacity_provider_strategy[${i}].capacity_provider`) };
      if (b === UNKNOWN) return { reason: afterApply(`capacity_provider_strategy[${i}].base`) };
      if (w === UNKNOWN) return { reason: afterApply(`capacity_provider_strategy[${i}].weight`) };
      base = base.plus(b);
      total = total.plus(w);
      if (name === provider) own = { base: b, weight: w };
    }
    // A provider the strategy does not name runs none, however many tasks there are.
    if (!own) return { tasks: dec(0) };
    if ('reason' in count) return count;
    const desired = count.tasks;
    const ownBase = own.base.lt(desired) ? own.base : desired;
    const rest = desired.minus(base.lt(desired) ? base : desired);
    return { tasks: total.gt(0) ? ownBase.plus(rest.times(own.weight).div(total)) : ownBase };
  };
}

interface TaskSize {
  vcpu: Big | string;
  memoryGb: Big | string;
  ephemeralGib: Big | undefined;
  /** `linux-x86` or `linux-arm`, or why the platform is not priced. */
  platform: { sku: 'linux-x86' | 'linux-arm' } | { notPriced: string };
  source: string;
}

function taskSize(input: PricerInput): TaskSize | { reason: string } {
  const found = followReference(input, {
    type: 'aws_ecs_task_definition',
    what: 'task definition',
    via: [
      {
        path: ['task_definition'],
        names: (t, v) => {
          const family = t.str('family');
          const revision = t.str('revision');
          return (
            t.str('arn') === v ||
            t.str('arn_without_revision') === v ||
            (typeof family === 'string' && (v === family || v === `${family}:${String(revision)}`))
          );
        },
      },
    ],
  });
  if (found.kind === 'none') return { reason: 'task_definition is not set' };
  if (found.kind === 'missing') return { reason: found.reason };
  const t = found.attrs;
  const at = (attribute: string) => `${found.address}.${attribute}`;
  const vcpu = parseSize(t.str('cpu'), /^(\d+(?:\.\d+)?)\s*vcpu$/i, at('cpu'));
  const memoryGb = parseSize(t.str('memory'), /^(\d+(?:\.\d+)?)\s*gb$/i, at('memory'));
  const platforms = t.blocks('runtime_platform');
  const platform = platforms === UNKNOWN ? undefined : platforms[0];
  const arch = platform?.str('cpu_architecture');
  const os = platform?.str('operating_system_family');
  const storage = t.blocks('ephemeral_storage');
  const ephemeral = storage === UNKNOWN ? undefined : storage[0]?.num('size_in_gib');
  return {
    vcpu,
    memoryGb,
    ephemeralGib: ephemeral === UNKNOWN ? undefined : ephemeral,
    platform:
      typeof os === 'string' && os !== 'LINUX'
        ? { notPriced: `Fargate ${os} prices (with the Windows license fee) are not in the catalog` }
        : { sku: arch === 'ARM64' ? 'linux-arm' : 'linux-x86' },
    source: found.address,
  };
}

/**
 * Task cpu is CPU units (`1024`) or vCPU (`1 vCPU`); memory is MiB (`2048`) or GB (`2 GB`). Units
 * and MiB divide by 1024. A string result is the reason the size is not known.
 */
function parseSize(value: string | Unknown | undefined, unitForm: RegExp, attribute: string): Big | string {
  if (value === UNKNOWN) return afterApply(attribute);
  if (value === undefined) return `${attribute} is not set (Fargate needs a task-level size)`;
  const text = value.trim();
  const direct = unitForm.exec(text);
  if (direct) return dec(direct[1] as string);
  if (/^\d+(\.\d+)?$/.test(text)) return dec(text).div(1024);
  return `${attribute} "${value}" is not a size tollgate can read`;
}

function fargateLines(task: TaskSize | { reason: string }, share: Share, label: string): ComponentSpec[] {
  const tasks = 'tasks' in share ? share.tasks : undefined;
  const count = tasks === undefined ? '' : ` × ${tasks.toString()} task${tasks.eq(1) ? '' : 's'}`;
  if ('reason' in task) {
    return [
      {
        name: `${label} vCPU${count}`,
        unit: 'vCPU-hours',
        quantity: unknownQuantity(task.reason),
        skus: [],
        hourly: true,
      },
      {
        name: `${label} memory${count}`,
        unit: 'GB-hours',
        quantity: unknownQuantity(task.reason),
        skus: [],
        hourly: true,
      },
    ];
  }
  const hours = (per: Big | string): Quantity => {
    if (typeof per === 'string') return unknownQuantity(per);
    if ('reason' in share) return unknownQuantity(share.reason);
    return known(per.times(share.tasks).times(HOURS_PER_MONTH));
  };
  const sku = (resource: 'vcpu' | 'memory') =>
    'sku' in task.platform ? [{ sku: `fargate/${resource}/${task.platform.sku}` }] : [];
  const notPriced = 'notPriced' in task.platform ? { unpricedReason: task.platform.notPriced } : {};
  const arch = 'sku' in task.platform && task.platform.sku === 'linux-arm' ? ', ARM' : '';
  const size = (v: Big | string, unit: string) => (typeof v === 'string' ? '' : ` ${v.toString()} ${unit}`);
  const lines: ComponentSpec[] = [
    {
      name: `${label} vCPU (${size(task.vcpu, 'vCPU').trim() || 'size unknown'}${arch})${count}`,
      unit: 'vCPU-hours',
      quantity: hours(task.vcpu),
      skus: sku('vcpu'),
      hourly: true,
      ...notPriced,
    },
    {
      name: `${label} memory (${size(task.memoryGb, 'GB').trim() || 'size unknown'}${arch})${count}`,
      unit: 'GB-hours',
      quantity: hours(task.memoryGb),
      skus: sku('memory'),
      hourly: true,
      ...notPriced,
    },
  ];
  if (task.ephemeralGib?.gt(FREE_EPHEMERAL_GIB)) {
    const extra = task.ephemeralGib.minus(FREE_EPHEMERAL_GIB);
    lines.push({
      name: `${label} ephemeral storage above ${FREE_EPHEMERAL_GIB} GB (${extra.toString()} GB)${count}`,
      unit: 'GB-hours',
      quantity: hours(extra),
      skus: 'sku' in task.platform ? [{ sku: 'fargate/ephemeral-storage' }] : [],
      hourly: true,
      ...notPriced,
    });
  }
  return lines;
}
