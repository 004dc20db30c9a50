import assert from 'node:assert/strict';
import Big from 'big.js';
import { describe, it } from 'node:test';
import type { Report, ResourceReport } from '../../src/model/report.ts';
import { checkJson, FIXTURES } from '../helpers/cli.ts';
import { writeTree } from '../helpers/hcl.ts';
import { writePolicy, writeTemp } from '../helpers/plan.ts';
import { assertMoney, component } from './harness.ts';

// Rates the policy gives make every amount below a hand computation:
// monthly = pods × (vCPU × 0.04 + GiB × 0.005) × 730.
const RATES = `
kubernetes:
  pricing:
    region: us-east-1
    cpu_hour: 0.04
    memory_gib_hour: 0.005
`;

interface Case {
  manifests: string[] | Record<string, string>;
  kubernetes?: string;
  usage?: string;
}

async function priced(c: Case): Promise<Report> {
  const args = ['--policy', writePolicy(`version: 1\n${c.kubernetes ?? RATES}`), '--fail-on', 'never'];
  let cwd: string | undefined;
  if (Array.isArray(c.manifests)) {
    for (const m of c.manifests) args.push('--k8s', `${FIXTURES}/kubernetes/${m}`);
  } else {
    cwd = writeTree(c.manifests);
    args.push('--k8s', '.');
  }
  if (c.usage) args.push('--usage', writeTemp('usage.yml', c.usage));
  return (await checkJson(args, cwd ? { cwd } : {})).report;
}

function resource(report: Report, address: string): ResourceReport {
  const found = report.resources.find((r) => r.address === address);
  assert.ok(found, `no ${address} in ${report.resources.map((r) => r.address).join(', ')}`);
  return found;
}

describe('Kubernetes workload cost', () => {
  it('is replicas × (vCPU × CPU rate + GiB × memory rate) × 730 with the policy rates (guestbook)', async () => {
    const report = await priced({ manifests: ['guestbook-all-in-one.yaml'] });
    // 100m and 100Mi a pod: 0.1 × 0.04 + 0.09765625 × 0.005 = 0.00448828125 an hour.
    const frontend = resource(report, 'apps/v1/Deployment/default/frontend');
    assertMoney(frontend.monthly_after, 9.8293359375); // 3 pods
    assertMoney(resource(report, 'apps/v1/Deployment/default/redis-master').monthly_after, 3.2764453125);
    assertMoney(resource(report, 'apps/v1/Deployment/default/redis-replica').monthly_after, 6.552890625);
    assertMoney(report.summary.monthly_after, 19.658671875);
    const cpu = component(frontend, /^CPU requests$/);
    assert.equal(cpu.unit, 'vCPU-hours');
    assert.equal(cpu.monthly_quantity, 219); // 3 × 0.1 × 730
    assert.equal(cpu.unit_price, 0.04);
    assert.equal(cpu.price_source, 'policy');
    assert.equal(cpu.note, '3 pods × 0.1 vCPU; kubernetes.pricing.cpu_hour');
    assert.equal(
      component(frontend, /^Memory requests$/).note,
      '3 pods × 100 MiB; kubernetes.pricing.memory_gib_hour',
    );
    assert.equal(resource(report, 'v1/Service/default/frontend').status, 'free'); // NodePort
  });

  it("derives the rates from the node type's price split by OpenCost's CPU:RAM ratio, so a node-sized pod costs the node", async () => {
    const report = await priced({
      kubernetes: 'kubernetes:\n  pricing:\n    region: us-east-1\n    node: { instance_type: m6i.xlarge }\n',
      manifests: {
        'node.yaml': `apiVersion: v1
kind: Pod
metadata: { name: whole-node }
spec:
  containers:
    - name: app
      resources: { requests: { cpu: "4", memory: 16Gi } }
`,
      },
    });
    const pod = resource(report, 'v1/Pod/default/whole-node');
    // m6i.xlarge: 4 vCPU, 16 GiB, $0.192 an hour in us-east-1.
    const weight = new Big(4).times('0.031611').plus(new Big(16).times('0.004237'));
    const cpu = component(pod, /^CPU requests$/);
    assert.equal(cpu.unit_price, Number(new Big('0.192').times('0.031611').div(weight).toString()));
    assert.equal(cpu.price_source, 'catalog');
    assert.match(cpu.note ?? '', /m6i\.xlarge \(4 vCPU, 16 GiB\) split by OpenCost's CPU:RAM price ratio/);
    const memory = component(pod, /^Memory requests$/);
    assert.equal(memory.unit_price, Number(new Big('0.192').times('0.004237').div(weight).toString()));
    assert.equal(Math.round(pod.monthly_after * 1e6) / 1e6, 140.16); // 0.192 × 730
  });

  it('multiplies DaemonSets by daemonset_nodes, and leaves them unknown without it', async () => {
    const report = await priced({
      kubernetes: `${RATES}  daemonset_nodes: 5\n`,
      manifests: ['node-exporter-daemonset.yaml'],
    });
    // Per pod: node-exporter 102m/180Mi + kube-rbac-proxy 10m/20Mi = 0.112 vCPU, 200 MiB.
    const ds = resource(report, 'apps/v1/DaemonSet/monitoring/node-exporter');
    assertMoney(ds.monthly_after, 19.916453125); // 5 × (0.112 × 0.04 + 0.1953125 × 0.005) × 730
    assert.equal(
      component(ds, /^CPU requests$/).note,
      '5 pods (kubernetes.daemonset_nodes) × 0.112 vCPU; kubernetes.pricing.cpu_hour',
    );
    const unknown = resource(await priced({ manifests: ['node-exporter-daemonset.yaml'] }), ds.address);
    assert.equal(unknown.status, 'partial');
    assert.equal(unknown.monthly_after, 0);
    assert.match(
      component(unknown, /^CPU requests$/).reason ?? '',
      /kubernetes\.daemonset_nodes is not set in the policy/,
    );
  });

  it('prices init and sidecar containers by the effective pod request', async () => {
    const report = await priced({
      manifests: {
        'app.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 2
  template:
    spec:
      initContainers:
        - name: proxy
          restartPolicy: Always
          resources: { requests: { cpu: 250m, memory: 128Mi } }
        - name: migrate
          resources: { limits: { cpu: "1", memory: 256Mi } }
      containers:
        - name: app
          resources: { requests: { cpu: 500m, memory: 512Mi } }
`,
      },
    });
    const web = resource(report, 'apps/v1/Deployment/default/web');
    // CPU: max(app 0.5 + proxy 0.25, migrate 1 + proxy 0.25) = 1.25; memory: max(640Mi, 384Mi) = 0.625 GiB.
    assert.equal(component(web, /^CPU requests$/).note, '2 pods × 1.25 vCPU; kubernetes.pricing.cpu_hour');
    assertMoney(web.monthly_after, 77.5625); // 2 × (1.25 × 0.04 + 0.625 × 0.005) × 730
  });

  it('turns a workload a HorizontalPodAutoscaler targets into a range from min to max replicas', async () => {
    const report = await priced({
      manifests: {
        'app.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: app
          resources: { requests: { cpu: "1", memory: 2Gi } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: app
          resources: { requests: { cpu: "1", memory: 2Gi } }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web-hpa, namespace: shop }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: 2
  maxReplicas: 10
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: elsewhere, namespace: other }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  maxReplicas: 50
`,
      },
    });
    // A pod: 1 × 0.04 + 2 × 0.005 = 0.05 an hour, 36.50 a month.
    const web = resource(report, 'apps/v1/Deployment/shop/web');
    assertMoney(web.monthly_after, 73); // 2 pods
    assertMoney(web.monthly_after_max ?? NaN, 365); // 10 pods
    assertMoney(web.monthly_delta_max ?? NaN, 365);
    const cpu = component(web, /^CPU requests$/);
    assert.equal(cpu.monthly_quantity, 1460);
    assert.equal(cpu.monthly_quantity_max, 7300);
    assert.match(cpu.note ?? '', /^2–10 pods \(HorizontalPodAutoscaler shop\/web-hpa\) × 1 vCPU/);
    assert.equal(resource(report, 'autoscaling/v2/HorizontalPodAutoscaler/shop/web-hpa').status, 'free');
    // The same bill without an autoscaler is not a range: identical bills are shared only when equal.
    const api = resource(report, 'apps/v1/Deployment/shop/api');
    assertMoney(api.monthly_after, 73);
    assert.equal(api.monthly_after_max, undefined);
    assert.equal(report.summary.monthly_after, 146);
    assert.equal(report.summary.monthly_after_max, 438);
  });

  it('prices Jobs and CronJobs by usage or an activeDeadlineSeconds bound, never a silent month', async () => {
    const cron = 'batch/v1/CronJob/kube-system/descheduler-cronjob';
    const none = resource(await priced({ manifests: ['descheduler-cronjob.yaml'] }), cron);
    assert.equal(none.monthly_after, 0);
    const line = component(none, /^CPU requests$/);
    assert.equal(line.state, 'usage-not-given');
    assert.match(
      line.reason ?? '',
      /set run_hours .*monthly_pod_hours, or set spec\.jobTemplate\.spec\.activeDeadlineSeconds/,
    );

    const usage = `version: 1\nresource_usage:\n  ${cron}:\n    run_hours: 0.05\n`;
    const used = resource(await priced({ manifests: ['descheduler-cronjob.yaml'], usage }), cron);
    // */2 fires 21,900 times in 730 h; 1 pod × 0.05 h = 1,095 pod-hours × (0.5 × 0.04 + 0.25 × 0.005).
    assertMoney(used.monthly_after, 23.26875);
    assert.equal(
      component(used, /^CPU requests$/).note,
      '21,900 runs a month (schedule "*/2 * * * *") × 1 pod × 0.05 h (run_hours, usage file) × 0.5 vCPU; kubernetes.pricing.cpu_hour',
    );

    const job = resource(
      await priced({
        manifests: {
          'job.yaml': `apiVersion: batch/v1
kind: Job
metadata: { name: backfill }
spec:
  completions: 4
  parallelism: 2
  activeDeadlineSeconds: 1800
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: work
          resources: { requests: { cpu: "2", memory: 4Gi } }
`,
        },
      }),
      'batch/v1/Job/default/backfill',
    );
    // At most 2 pods at a time for half an hour: 1 pod-hour × (2 × 0.04 + 4 × 0.005).
    assertMoney(job.monthly_after, 0.1);
    assert.match(component(job, /^CPU requests$/).note ?? '', /^at most: 1 run × 2 pods at a time × 1800 s/);
  });

  it('says one run and one pod-hour in the singular', async () => {
    const monthly = `apiVersion: batch/v1
kind: CronJob
metadata: { name: report }
spec:
  schedule: "0 0 1 * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: work
              resources: { requests: { cpu: "1", memory: 1Gi } }
`;
    const address = 'batch/v1/CronJob/default/report';
    const runs = `version: 1\nresource_usage:\n  ${address}:\n    run_hours: 2\n`;
    const byRuns = resource(await priced({ manifests: { 'cron.yaml': monthly }, usage: runs }), address);
    assert.match(component(byRuns, /^CPU requests$/).note ?? '', /^1 run a month \(schedule "0 0 1 \* \*"\)/);
    const hours = `version: 1\nresource_usage:\n  ${address}:\n    monthly_pod_hours: 1\n`;
    const byHours = resource(await priced({ manifests: { 'cron.yaml': monthly }, usage: hours }), address);
    assert.match(component(byHours, /^CPU requests$/).note ?? '', /^1 pod-hour \(monthly_pod_hours/);
  });

  it('marks a workload with containers that request nothing partial, with the containers named', async () => {
    const report = await priced({ manifests: ['mysql-pvc-deployment.yaml', 'microservices-demo.yaml'] });
    const mysql = resource(report, 'apps/v1/Deployment/default/existing-mysql-a');
    assert.equal(mysql.status, 'partial');
    assert.equal(mysql.monthly_after, 0);
    assert.deepEqual(
      mysql.components.map((c) => [c.name, c.state, c.reason]),
      [
        ['CPU not requested', 'unknown', 'container "mysql" requests no CPU: what it uses is not known'],
        [
          'Memory not requested',
          'unknown',
          'container "mysql" requests no memory: what it uses is not known',
        ],
      ],
    );
    // The load generator's init container requests nothing: the app container's cost is a lower bound.
    const loadgen = resource(report, 'apps/v1/Deployment/default/loadgenerator');
    assert.equal(loadgen.status, 'partial');
    assertMoney(loadgen.monthly_after, 9.6725); // main: (0.3 × 0.04 + 0.25 × 0.005) × 730
    const missing = report.findings.filter((f) => f.rule === 'k8s.requests.missing').map((f) => f.address);
    assert.deepEqual(missing.sort(), [
      'apps/v1/Deployment/default/existing-mysql-a',
      'apps/v1/Deployment/default/loadgenerator',
    ]);
  });

  it('notes extended resources (GPUs) as not priced, and the workload partial', async () => {
    const report = await priced({ manifests: ['vllm-gpu-deployment.yaml'] });
    const vllm = resource(report, 'apps/v1/Deployment/default/vllm-gemma-deployment');
    assert.equal(vllm.status, 'partial');
    assertMoney(vllm.monthly_after, 94.9); // (2 × 0.04 + 10 × 0.005) × 730; ephemeral-storage is the node's
    const gpu = component(vllm, /^nvidia\.com\/gpu requests$/);
    assert.equal(gpu.state, 'not-priced');
    assert.equal(
      gpu.reason,
      'extended resource nvidia.com/gpu is not priced (it comes with the node type that has it)',
    );
    const finding = report.findings.find((f) => f.rule === 'cost.price_missing');
    assert.match(finding?.fix ?? '', /cannot price this from any catalog/);
  });

  it('prices claims as EBS volumes by storage class, and StatefulSet claim templates per replica', async () => {
    const report = await priced({
      kubernetes: `${RATES}  storage_classes: { fast: gp2 }\n`,
      manifests: ['mysql-pvc-deployment.yaml', 'cassandra-statefulset.yaml'],
    });
    const pvc = resource(report, 'v1/PersistentVolumeClaim/default/mysql-a-pv-claim');
    assertMoney(pvc.monthly_after, 2.4); // 30 GiB gp3 × 0.08: premium-rwo is not mapped
    assert.match(
      component(pvc, /storage/).note ?? '',
      /storage class "premium-rwo" is not in kubernetes\.storage_classes: gp3/,
    );
    const cassandra = resource(report, 'apps/v1/StatefulSet/default/cassandra');
    const volume = component(cassandra, /^Volume cassandra-data storage/);
    assert.equal(volume.monthly_quantity, 3); // 1 GiB × 3 replicas
    assertMoney(volume.monthly_cost, 0.3); // gp2 × 0.1
    assert.match(volume.note ?? '', /^3 pods; storage class "fast" → gp2 \(kubernetes\.storage_classes\)/);
    // Without a mapping, the StorageClass in the manifests provisions with minikube's hostpath: not EBS.
    const unmapped = resource(await priced({ manifests: ['cassandra-statefulset.yaml'] }), cassandra.address);
    assert.match(
      component(unmapped, /^Volume cassandra-data storage/).reason ?? '',
      /storage class "fast" provisions with k8s\.io\/minikube-hostpath, not EBS/,
    );
  });

  it('prices Services of type LoadBalancer as an NLB when annotated, else as the policy says', async () => {
    const report = await priced({ manifests: ['ingress-nginx-aws.yaml', 'microservices-demo.yaml'] });
    const nlb = resource(report, 'v1/Service/ingress-nginx/ingress-nginx-controller');
    assertMoney(component(nlb, /^Network load balancer$/).monthly_cost, 16.425); // 730 × 0.0225
    assert.equal(
      component(nlb, /^Network load balancer$/).note,
      'annotation service.beta.kubernetes.io/aws-load-balancer-type: nlb',
    );
    assert.equal(component(nlb, /NLCU/).state, 'usage-not-given');
    const clb = resource(report, 'v1/Service/default/frontend-external');
    assertMoney(component(clb, /^Classic load balancer$/).monthly_cost, 18.25); // 730 × 0.025, the default
    const asNlb = await priced({
      kubernetes: `${RATES}  load_balancer: nlb\n`,
      manifests: ['microservices-demo.yaml'],
    });
    assertMoney(resource(asNlb, clb.address).monthly_after, 16.425);
  });

  it('says what is missing rather than pricing at zero: no rates, no region, a custom kind', async () => {
    const noRates = await priced({
      kubernetes: 'kubernetes:\n  pricing: { region: us-east-1 }\n',
      manifests: ['guestbook-all-in-one.yaml'],
    });
    const frontend = resource(noRates, 'apps/v1/Deployment/default/frontend');
    assert.equal(frontend.status, 'not-priced');
    assert.equal(
      component(frontend, /^CPU requests$/).reason,
      'no rate: set kubernetes.pricing.node.instance_type (or cpu_hour) in the policy',
    );
    // A region is needed only for regional prices: the node type's, volumes', load balancers'.
    const noRegion = await priced({
      kubernetes: 'kubernetes:\n  pricing:\n    node: { instance_type: m6i.xlarge }\n',
      manifests: ['guestbook-all-in-one.yaml'],
    });
    assert.equal(
      resource(noRegion, frontend.address).cost_reason,
      'region unknown: set kubernetes.pricing.region (or pricing.default_region) in the policy',
    );
    assert.equal(resource(noRegion, 'v1/Service/default/frontend').status, 'free');
    const ratesOnly = await priced({
      kubernetes: 'kubernetes:\n  pricing: { cpu_hour: 0.04, memory_gib_hour: 0.005 }\n',
      manifests: ['guestbook-all-in-one.yaml'],
    });
    assertMoney(resource(ratesOnly, frontend.address).monthly_after, 9.8293359375);
    const custom = await priced({
      manifests: {
        'ksvc.yaml':
          'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: { name: hello }\nspec:\n  type: LoadBalancer\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: web }\n',
      },
    });
    assert.equal(resource(custom, 'serving.knative.dev/v1/Service/default/hello').status, 'not-priced');
    assert.equal(
      resource(custom, 'networking.k8s.io/v1/Ingress/default/web').cost_reason,
      'k8s:Ingress is not priced by tollgate',
    );
    assert.deepEqual(custom.summary.not_priced.types, { 'k8s:Ingress': 1, 'k8s:Service': 1 });
  });
});

describe('Kubernetes requests without a rate', () => {
  const run = async (policy: string, manifests: string[], failOn = 'warn') => {
    const args = ['--policy', writePolicy(`version: 1\n${policy}`), '--fail-on', failOn];
    for (const m of manifests) args.push('--k8s', `${FIXTURES}/kubernetes/${m}`);
    return checkJson(args);
  };

  it('is one note for the run, not a price warning per workload, while the policy prices nothing', async () => {
    const { code, report } = await run('', ['guestbook-all-in-one.yaml']);
    assert.deepEqual(
      report.findings.map((f) => [f.rule, f.severity, f.address]),
      [['k8s.rate.missing', 'info', 'kubernetes.pricing']],
    );
    assert.equal(
      report.findings[0]?.message,
      'CPU and memory requests of 3 Kubernetes workloads are not priced (apps/v1/Deployment/default/redis-master, apps/v1/Deployment/default/redis-replica, apps/v1/Deployment/default/frontend): the policy gives no rate; set kubernetes.pricing.node.instance_type (or cpu_hour and memory_gib_hour)',
    );
    assert.equal(code, 0); // --fail-on warn: a policy that has not set up pricing is not a failure
    // Each workload still says it is not priced, and why.
    const frontend = resource(report, 'apps/v1/Deployment/default/frontend');
    assert.equal(frontend.status, 'not-priced');
    assert.equal(
      component(frontend, /^Memory requests$/).reason,
      'no rate: set kubernetes.pricing.node.instance_type (or memory_gib_hour) in the policy',
    );
  });

  it('is one warning once Kubernetes pricing is set up but a rate is missing; other missing prices keep theirs', async () => {
    const { code, report } = await run('kubernetes:\n  pricing: { region: us-east-1, cpu_hour: 0.04 }\n', [
      'guestbook-all-in-one.yaml',
      'cassandra-statefulset.yaml',
    ]);
    const rate = report.findings.filter((f) => f.rule === 'k8s.rate.missing');
    assert.equal(rate.length, 1);
    assert.equal(rate[0]?.severity, 'warn');
    assert.match(
      rate[0]?.message ?? '',
      /^memory requests of 4 Kubernetes workloads are not priced \(.* and 1 more\): the policy gives no rate; set kubernetes\.pricing\.node\.instance_type \(or memory_gib_hour\)$/,
    );
    assert.equal(code, 1);
    // The StatefulSet's volume has no price for its own reason (a hostpath class): its finding stays.
    assert.deepEqual(
      report.findings.filter((f) => f.rule === 'cost.price_missing').map((f) => f.address),
      ['apps/v1/StatefulSet/default/cassandra'],
    );
    assert.equal(resource(report, 'apps/v1/Deployment/default/frontend').status, 'partial');
  });
});
