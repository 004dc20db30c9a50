/**
 * The values of an object tollgate computes with, checked where they are written: resource quantities,
 * counts and a CronJob's schedule. The API server would refuse the object, so tollgate does too, with
 * the file and line, rather than price a typo.
 */
import { InputError } from '../../errors.ts';
import { at, dotted, isRecord, podSpecPath } from '../../kubernetes/kinds.ts';
import { parseQuantity } from '../../kubernetes/quantity.ts';
import { runsPerMonth } from '../../kubernetes/schedule.ts';
import type { Locator, Path } from './parse.ts';

/** Integer fields, by kind, that the cost model reads. */
const COUNTS: Record<string, string[][]> = {
  Deployment: [['spec', 'replicas']],
  StatefulSet: [['spec', 'replicas']],
  ReplicaSet: [['spec', 'replicas']],
  ReplicationController: [['spec', 'replicas']],
  Job: [
    ['spec', 'completions'],
    ['spec', 'parallelism'],
    ['spec', 'activeDeadlineSeconds'],
  ],
  CronJob: [
    ['spec', 'jobTemplate', 'spec', 'completions'],
    ['spec', 'jobTemplate', 'spec', 'parallelism'],
    ['spec', 'jobTemplate', 'spec', 'activeDeadlineSeconds'],
  ],
  HorizontalPodAutoscaler: [
    ['spec', 'minReplicas'],
    ['spec', 'maxReplicas'],
  ],
};

export function validateObject(object: Record<string, unknown>, file: string, locate: Locator): void {
  const kind = object.kind as string;
  const fail = (path: Path, detail: string): never => {
    throw new InputError(file, `${dotted(path)} ${detail}`, locate.line(path));
  };
  const quantity = (path: Path): void => {
    const raw = at(object, path);
    if (raw === undefined) return;
    const parsed = parseQuantity(raw);
    if (!parsed.ok) fail(path, `${JSON.stringify(raw)} is not a quantity: ${parsed.why}`);
    else if (parsed.value.lt(0)) fail(path, `${JSON.stringify(raw)} must not be negative`);
  };
  const quantities = (path: Path): void => {
    const map = at(object, path);
    if (map === undefined || map === null) return;
    if (!isRecord(map)) fail(path, 'must be a mapping of resource names to quantities');
    for (const name of Object.keys(map)) quantity([...path, name]);
  };

  const spec = podSpecPath(kind);
  if (spec) {
    for (const field of ['initContainers', 'containers']) {
      const list = at(object, [...spec, field]);
      if (!Array.isArray(list)) continue;
      list.forEach((_, i) => {
        quantities([...spec, field, i, 'resources', 'requests']);
        quantities([...spec, field, i, 'resources', 'limits']);
      });
    }
    quantities([...spec, 'overhead']);
    quantities([...spec, 'resources', 'requests']);
    quantities([...spec, 'resources', 'limits']);
  }
  if (kind === 'PersistentVolumeClaim') quantity(['spec', 'resources', 'requests', 'storage']);
  if (kind === 'StatefulSet') {
    const claims = at(object, ['spec', 'volumeClaimTemplates']);
    if (Array.isArray(claims))
      claims.forEach((_, i) =>
        quantity(['spec', 'volumeClaimTemplates', i, 'spec', 'resources', 'requests', 'storage']),
      );
  }
  for (const path of COUNTS[kind] ?? []) {
    const value = at(object, path);
    if (value !== undefined && value !== null && !(Number.isInteger(value) && (value as number) >= 0))
      fail(path, `${JSON.stringify(value)} is not a whole number of 0 or more`);
  }
  if (kind === 'CronJob') {
    const schedule = at(object, ['spec', 'schedule']);
    if (typeof schedule !== 'string') fail(['spec', 'schedule'], 'is missing: a CronJob needs a schedule');
    const parsed = runsPerMonth(schedule as string);
    if (!parsed.ok)
      fail(['spec', 'schedule'], `${JSON.stringify(schedule)} is not a cron schedule: ${parsed.why}`);
  }
}
