import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../src/errors.ts';
import { readManifests } from '../../src/inputs/kubernetes.ts';
import { FIXTURES } from '../helpers/cli.ts';
import { writeTree } from '../helpers/hcl.ts';

const K8S = `${FIXTURES}/kubernetes`;

function read(paths: string[], cwd = K8S, namespace?: string) {
  return readManifests(paths, { cwd, region: 'us-east-1', ...(namespace ? { namespace } : {}) });
}

function error(files: Record<string, string>, path = 'm.yaml'): string {
  const dir = writeTree(files);
  try {
    read([path], dir);
  } catch (err) {
    assert.ok(err instanceof InputError, String(err));
    return err.message;
  }
  assert.fail('no error');
}

describe('Kubernetes manifests', () => {
  it('reads every object of a multi-document file with its address, type, namespace and line', () => {
    const [input] = read(['guestbook-all-in-one.yaml']);
    assert.ok(input);
    assert.deepEqual(input.meta, {
      kind: 'kubernetes',
      path: 'guestbook-all-in-one.yaml',
      files: 1,
      objects: 6,
    });
    assert.deepEqual(
      input.resources.map((r) => [r.address, r.type, r.source?.line, r.kubernetes?.namespace]),
      [
        ['v1/Service/default/redis-master', 'k8s:Service', 1, 'default'],
        ['apps/v1/Deployment/default/redis-master', 'k8s:Deployment', 18, 'default'],
        ['v1/Service/default/redis-replica', 'k8s:Service', 46, 'default'],
        ['apps/v1/Deployment/default/redis-replica', 'k8s:Deployment', 62, 'default'],
        ['v1/Service/default/frontend', 'k8s:Service', 98, 'default'],
        ['apps/v1/Deployment/default/frontend', 'k8s:Deployment', 117, 'default'],
      ],
    );
    const deployment = input.resources[1];
    assert.equal(deployment?.action, 'create');
    assert.equal(deployment?.provider, 'kubernetes');
    assert.equal(deployment?.region, 'us-east-1');
    assert.equal(deployment?.name, 'redis-master');
    assert.deepEqual(deployment?.tags?.known, {});
    assert.equal(deployment?.tags?.carrier, 'labels');
    // The namespace the API server would give it is in the object, for rules over it.
    assert.equal((deployment?.after?.metadata as { namespace: string }).namespace, 'default');
    assert.equal(deployment?.kubernetes?.lines['spec.template.metadata'], 30);
    assert.equal(deployment?.kubernetes?.lines['spec.template.spec.containers[0]'], 37);
  });

  it('uses --namespace for objects that name none, keeps theirs, and leaves cluster-scoped kinds without one', () => {
    const [input] = read(['ingress-nginx-aws.yaml'], K8S, 'staging');
    const addresses = input?.resources.map((r) => r.address) ?? [];
    assert.ok(addresses.includes('v1/Namespace/ingress-nginx'));
    assert.ok(addresses.includes('rbac.authorization.k8s.io/v1/ClusterRole/ingress-nginx'));
    assert.ok(addresses.includes('networking.k8s.io/v1/IngressClass/nginx'));
    assert.ok(addresses.includes('apps/v1/Deployment/ingress-nginx/ingress-nginx-controller'));
    const [guestbook] = read(['guestbook-all-in-one.yaml'], K8S, 'staging');
    assert.equal(guestbook?.resources[0]?.address, 'v1/Service/staging/redis-master');
  });

  it('reads a directory recursively, in name order; lines survive a licence header and a leading ---', () => {
    const dir = writeTree({
      'b/deep/app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: deep }\n',
      'a.yml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: top }\n',
      'node_modules/x/m.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: skipped }\n',
    });
    const [input] = read(['.'], dir);
    assert.deepEqual(
      input?.resources.map((r) => [r.address, r.source?.file]),
      [
        ['v1/ConfigMap/default/top', 'a.yml'],
        ['v1/ConfigMap/default/deep', 'b/deep/app.yaml'],
      ],
    );
    const [mysql] = read(['mysql-pvc-deployment.yaml']);
    assert.deepEqual(
      mysql?.resources.map((r) => [r.address, r.source?.line]),
      [
        ['v1/Service/default/mysql-a', 16],
        ['v1/PersistentVolumeClaim/default/mysql-a-pv-claim', 29],
        ['apps/v1/Deployment/default/existing-mysql-a', 43],
      ],
    );
    const [descheduler] = read(['descheduler-cronjob.yaml']);
    assert.equal(descheduler?.resources[0]?.address, 'batch/v1/CronJob/kube-system/descheduler-cronjob');
    assert.equal(descheduler?.resources[0]?.source?.line, 2);
    assert.equal(descheduler?.resources[0]?.kubernetes?.lines['spec.jobTemplate.spec.template.metadata'], 13);
  });

  it('expands kind: List and reads JSON manifests', () => {
    const dir = writeTree({
      'list.json': JSON.stringify(
        {
          apiVersion: 'v1',
          kind: 'List',
          items: [
            { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'x' } },
            { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'b' }, spec: {} },
          ],
        },
        null,
        2,
      ),
    });
    const [input] = read(['list.json'], dir);
    assert.deepEqual(
      input?.resources.map((r) => [r.address, r.source?.line]),
      [
        ['v1/ConfigMap/x/a', 5],
        ['apps/v1/Deployment/default/b', 13],
      ],
    );
  });

  it('skips documents that are not Kubernetes objects (CI files, empty documents) and counts them', () => {
    const dir = writeTree({
      'ci.yml': 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n',
      'm.yaml':
        '---\n# only a comment\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n---\nfoo: bar\n',
    });
    const [input] = read(['.'], dir);
    assert.deepEqual(
      input?.resources.map((r) => r.address),
      ['v1/ConfigMap/default/c'],
    );
    assert.equal(input?.meta.documents_skipped, 2);
    const [file] = read(['ci.yml'], dir);
    assert.equal(file?.resources.length, 0);
  });

  it('reads YAML as Kubernetes does (1.1): yes is true, 0644 is octal', () => {
    const dir = writeTree({
      'm.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: { on: yes }\nspec:\n  volumes:\n    - name: v\n      secret: { secretName: s, defaultMode: 0644 }\n  containers: []\n',
    });
    const [input] = read(['m.yaml'], dir);
    const pod = input?.resources[0];
    assert.deepEqual(pod?.tags?.known, { true: 'true' });
    assert.equal(
      (pod?.after?.spec as { volumes: { secret: { defaultMode: number } }[] }).volumes[0]?.secret.defaultMode,
      420,
    );
  });

  it('notes, rather than refuses, a Helm template found in a directory', () => {
    const dir = writeTree({
      'chart/templates/deployment.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n  labels:\n{{ include "labels" . | indent 4 }}\n',
      'app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n',
    });
    const [input] = read(['.'], dir);
    assert.deepEqual(
      input?.resources.map((r) => r.address),
      ['v1/ConfigMap/default/c'],
    );
    assert.equal(input?.findings.length, 1);
    assert.equal(input?.findings[0]?.rule, 'k8s.not-read');
    assert.equal(input?.findings[0]?.severity, 'info');
    assert.equal(input?.findings[0]?.address, 'chart/templates/deployment.yaml');
  });

  it('refuses a syntax error with its line and column', () => {
    assert.match(
      error({ 'm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n' }),
      // Found only at the end of the input: pointed at the end of the last line, not a line after it.
      /^m\.yaml:4:18: invalid YAML at the end of the file: /,
    );
    assert.match(
      error({ 'm.yaml': 'apiVersion: v1\nkind: Pod\n\tname: x\n' }),
      /^m\.yaml:3:1: invalid YAML: /,
    );
  });

  it('refuses a document that is not an object, naming the document and its line', () => {
    assert.equal(
      error({ 'm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n---\n- a\n- b\n' }),
      'm.yaml:5: document 2 is a list, not a Kubernetes object (expected a mapping with apiVersion and kind)',
    );
    assert.match(
      error({ 'm.yaml': '"just a string"\n' }),
      /^m\.yaml:1: document 1 is a string \("just a string"\), not a Kubernetes object/,
    );
    assert.equal(
      error({ 'm.yaml': 'kind: Deployment\nmetadata: { name: x }\n' }),
      'm.yaml:1: a Kubernetes object needs apiVersion and kind; this one has no apiVersion',
    );
    assert.equal(
      error({ 'm.yaml': 'apiVersion: v1\nkind: ConfigMap\n' }),
      'm.yaml:1: ConfigMap has no metadata.name',
    );
  });

  it('refuses an alias bomb quickly, before expanding it', () => {
    let bomb =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: lol }\ndata:\n  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    let previous = 'a';
    for (let i = 0; i < 9; i++) {
      bomb += `  b${i}: &b${i} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
      previous = `b${i}`;
    }
    const started = process.hrtime.bigint();
    assert.match(
      error({ 'm.yaml': bomb }),
      /^m\.yaml:1: document 1 expands YAML aliases too many times .*: refused$/,
    );
    assert.ok(process.hrtime.bigint() - started < 1_000_000_000n, 'refused within a second');
  });

  it('refuses a document larger than the API accepts for one object', () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: big }\ndata:\n  blob: "${'x'.repeat(3.5 * 1024 * 1024)}"\n`;
    assert.match(
      error({ 'm.yaml': big }),
      /^m\.yaml:1: document 1 is 3\.5 MiB, more than the 3 MiB the Kubernetes API accepts for one object$/,
    );
  });

  it('refuses quantities, counts and schedules the API server would refuse, at their line', () => {
    const deployment = (resources: string, replicas = '2') =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  replicas: ${replicas}\n  template:\n    spec:\n      containers:\n        - name: app\n          resources:\n${resources}`;
    assert.equal(
      error({ 'm.yaml': deployment('            requests: { cpu: lots, memory: 1Gi }\n') }),
      'm.yaml:11: spec.template.spec.containers[0].resources.requests.cpu "lots" is not a quantity: expected a number with an optional suffix, such as 500m, 1.5, 256Mi or 1G',
    );
    assert.equal(
      error({ 'm.yaml': deployment('            limits:\n              memory: 1GB\n') }),
      'm.yaml:12: spec.template.spec.containers[0].resources.limits.memory "1GB" is not a quantity: unknown suffix "GB" (expected m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or an exponent such as e3)',
    );
    assert.equal(
      error({ 'm.yaml': deployment('            requests: { cpu: "-1" }\n') }),
      'm.yaml:11: spec.template.spec.containers[0].resources.requests.cpu "-1" must not be negative',
    );
    assert.equal(
      error({ 'm.yaml': deployment('            requests: { cpu: 1 }\n', 'three') }),
      'm.yaml:5: spec.replicas "three" is not a whole number of 0 or more',
    );
    assert.equal(
      error({
        'm.yaml':
          'apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: c }\nspec:\n  schedule: "every day"\n  jobTemplate: {}\n',
      }),
      'm.yaml:5: spec.schedule "every day" is not a cron schedule: expected 5 fields (minute hour day-of-month month day-of-week), got 2',
    );
  });

  it('refuses an object defined twice in one path, naming both places', () => {
    assert.equal(
      error({
        'm.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: default }\n',
      }),
      'm.yaml:5: v1/ConfigMap/default/c is defined twice in this --k8s path (also at m.yaml:1); give different environments as separate --k8s paths',
    );
  });

  it('does not read the patches a kustomization lists as objects, and notes each', () => {
    const dir = writeTree({
      'k8s/base/web.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop, labels: { team: a } }\nspec:\n  replicas: 2\n',
      'k8s/overlays/prod/kustomization.yaml':
        'resources: [../../base]\npatches:\n  - path: replicas.yaml\n  - target: { kind: Deployment }\n    patch: |-\n      - op: add\n',
      'k8s/overlays/prod/replicas.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\nspec:\n  replicas: 10\n',
      'k8s/overlays/dev/kustomization.yml':
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../../base, quota.yaml]\npatchesStrategicMerge:\n  - ./labels.yaml\n',
      'k8s/overlays/dev/labels.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop, labels: { env: dev } }\n',
      'k8s/overlays/dev/quota.yaml':
        'apiVersion: v1\nkind: ResourceQuota\nmetadata: { name: q, namespace: shop }\n',
    });
    const [input] = read(['k8s'], dir);
    assert.deepEqual(
      input?.resources.map((r) => [r.address, r.source?.file]),
      [
        ['apps/v1/Deployment/shop/web', 'k8s/base/web.yaml'],
        ['v1/ResourceQuota/shop/q', 'k8s/overlays/dev/quota.yaml'],
      ],
    );
    assert.deepEqual(
      input?.findings.map((f) => [f.rule, f.severity, f.address, f.message]),
      [
        [
          'k8s.not-read',
          'info',
          'k8s/overlays/dev/labels.yaml',
          'not read: a kustomize patch (k8s/overlays/dev/kustomization.yml lists it under patchesStrategicMerge), not a whole object; tollgate does not apply patches',
        ],
        [
          'k8s.not-read',
          'info',
          'k8s/overlays/prod/replicas.yaml',
          'not read: a kustomize patch (k8s/overlays/prod/kustomization.yaml lists it under patches), not a whole object; tollgate does not apply patches',
        ],
      ],
    );
    assert.equal(
      input?.findings[1]?.fix,
      'To check what the overlay deploys, render it: kustomize build k8s/overlays/prod | tollgate check --k8s -',
    );
    // A file named on its own is read as it is: only a directory shows the kustomization around it.
    assert.equal(read(['k8s/overlays/prod/replicas.yaml'], dir)[0]?.resources.length, 1);
  });

  it('knows kustomize’s extensionless file name, Kustomization', () => {
    const dir = writeTree({
      'k8s/base/web.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop, labels: { team: a } }\nspec:\n  replicas: 2\n',
      'k8s/overlays/dev/Kustomization': 'resources: [../../base]\npatches:\n  - path: patch/replicas.yaml\n',
      'k8s/overlays/dev/patch/replicas.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\nspec:\n  replicas: 1\n',
    });
    const [input] = read(['k8s'], dir);
    assert.deepEqual(
      input?.resources.map((r) => r.address),
      ['apps/v1/Deployment/shop/web'],
    );
    assert.match(
      input?.findings[0]?.message ?? '',
      /k8s\/overlays\/dev\/Kustomization lists it under patches/,
    );
  });

  it('says, of an object defined twice in a kustomize tree, that overlays are not rendered and what to run', () => {
    const config = (env: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: web-config, namespace: shop }\ndata: { env: ${env} }\n`;
    const files = {
      'k8s/base/kustomization.yaml': 'resources: []\n',
      'k8s/overlays/dev/kustomization.yaml': 'resources: [../../base, config.yaml]\n',
      'k8s/overlays/dev/config.yaml': config('dev'),
      'k8s/overlays/prod/kustomization.yaml': 'resources: [../../base, config.yaml]\n',
      'k8s/overlays/prod/config.yaml': config('prod'),
    };
    assert.equal(
      error(files, 'k8s'),
      "k8s/overlays/prod/config.yaml:1: v1/ConfigMap/shop/web-config is defined twice in this --k8s path (also at k8s/overlays/dev/config.yaml:1); kustomize overlays are not rendered (k8s/overlays/prod/kustomization.yaml): pass one overlay's build, `kustomize build k8s/overlays/prod | tollgate check --k8s -`, or each overlay's directory as its own --k8s path",
    );
  });

  it('says what is wrong with a path', () => {
    assert.equal(error({}, 'missing.yaml'), 'missing.yaml: no such file or directory');
    assert.equal(
      error({ 'notes.txt': 'hello' }, '.'),
      '.: contains no .yaml, .yml or .json files, expected Kubernetes manifests',
    );
  });
});
