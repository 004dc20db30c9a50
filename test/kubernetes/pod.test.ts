import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { podRequest } from '../../src/kubernetes/pod.ts';

type Container = {
  name: string;
  restartPolicy?: string;
  resources?: Record<string, Record<string, unknown>>;
};

function pod(spec: { containers: Container[]; initContainers?: Container[]; [k: string]: unknown }) {
  return podRequest({ spec }, ['spec']);
}

const req = (cpu: string, memory: string) => ({ requests: { cpu, memory } });

describe('effective pod request', () => {
  it('adds up the app containers', () => {
    const r = pod({
      containers: [
        { name: 'a', resources: req('250m', '256Mi') },
        { name: 'b', resources: req('100m', '64Mi') },
      ],
    });
    assert.equal(r.cpu.toString(), '0.35');
    assert.equal(r.memory.toString(), '0.3125');
    assert.deepEqual(r.missing, []);
  });

  it('takes the largest init container when it is larger than the app containers', () => {
    const r = pod({
      initContainers: [
        { name: 'small', resources: req('100m', '1Gi') },
        { name: 'big', resources: req('2', '128Mi') },
      ],
      containers: [{ name: 'app', resources: req('500m', '512Mi') }],
    });
    assert.equal(r.cpu.toString(), '2'); // max(2, 0.5)
    assert.equal(r.memory.toString(), '1'); // max(1Gi, 512Mi)
  });

  it('counts sidecars (init containers that restart always) with the app containers and with later init containers', () => {
    const r = pod({
      initContainers: [
        { name: 'proxy', restartPolicy: 'Always', resources: req('250m', '128Mi') },
        { name: 'migrate', resources: req('1', '256Mi') },
      ],
      containers: [{ name: 'app', resources: req('500m', '512Mi') }],
    });
    // Running: app + proxy = 0.75 CPU, 640Mi. Initialising: migrate + proxy = 1.25 CPU, 384Mi.
    assert.equal(r.cpu.toString(), '1.25');
    assert.equal(r.memory.toString(), '0.625');
  });

  it('does not count a sidecar started after an init container during that init container', () => {
    const r = pod({
      initContainers: [
        { name: 'migrate', resources: req('1', '1Gi') },
        { name: 'proxy', restartPolicy: 'Always', resources: req('1', '1Gi') },
      ],
      containers: [{ name: 'app', resources: req('100m', '100Mi') }],
    });
    assert.equal(r.cpu.toString(), '1.1'); // app + proxy; migrate ran alone before proxy started
  });

  it('adds the pod overhead, and reads a limit as the request when only the limit is set', () => {
    const r = pod({
      overhead: { cpu: '250m', memory: '160Mi' },
      containers: [{ name: 'app', resources: { limits: { cpu: '1', memory: '1Gi' } } }],
    });
    assert.equal(r.cpu.toString(), '1.25');
    assert.equal(r.memory.toString(), '1.15625');
    assert.deepEqual(r.missing, []);
  });

  it('lists containers without a CPU or memory request, init containers included, and counts them as 0 in the lower bound', () => {
    const r = pod({
      initContainers: [{ name: 'wait', resources: {} }],
      containers: [
        { name: 'app', resources: { requests: { memory: '64Mi' } } },
        { name: 'log', resources: req('10m', '16Mi') },
      ],
    });
    assert.deepEqual(
      r.missing.map((m) => [m.role, m.container, m.resources, m.path.join('.')]),
      [
        ['init', 'wait', ['cpu', 'memory'], 'spec.initContainers.0'],
        ['app', 'app', ['cpu'], 'spec.containers.0'],
      ],
    );
    assert.equal(r.cpu.toString(), '0.01');
  });

  it('lets pod-level resources stand for the pod, and keeps extended resources apart', () => {
    const r = pod({
      resources: { requests: { cpu: '2', memory: '4Gi' } },
      containers: [
        { name: 'app', resources: { limits: { 'nvidia.com/gpu': '1', 'ephemeral-storage': '10Gi' } } },
      ],
    });
    assert.equal(r.cpu.toString(), '2');
    assert.equal(r.memory.toString(), '4');
    assert.deepEqual(r.missing, []);
    assert.deepEqual(
      [...r.extended].map(([k, v]) => [k, v.toString()]),
      [['nvidia.com/gpu', '1']],
    );
  });
});
