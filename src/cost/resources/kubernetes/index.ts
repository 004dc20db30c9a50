import type { Pricer } from '../types.ts';
import { job } from './job.ts';
import { persistentVolumeClaim } from './volume.ts';
import { service } from './service.ts';
import { workload } from './workload.ts';

/** Every priced Kubernetes kind: workloads, run-to-completion work, claims and load balancers. */
export const KUBERNETES_PRICERS: readonly Pricer[] = [workload, job, persistentVolumeClaim, service];
