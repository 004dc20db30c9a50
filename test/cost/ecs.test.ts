import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangeSpec } from '../helpers/plan.ts';
import { assertMoney, component, costOf } from './harness.ts';

// Fargate Linux/x86: us-east-1 $0.04048 per vCPU-hour and $0.004445 per GB-hour (infracost golden
// 2025-07-07); eu-central-1 $0.04656 and $0.00511 (fgcalc, 2021-01-14).
const taskRef = { references: ['aws_ecs_task_definition.app.arn', 'aws_ecs_task_definition.app'] };

/** A task definition created in this plan: its ARN and revision are known only after apply. */
const newTask = (after: Record<string, unknown>): ChangeSpec => ({
  address: 'aws_ecs_task_definition.app',
  after: { family: 'app', requires_compatibilities: ['FARGATE'], ...after },
  after_unknown: { arn: true, arn_without_revision: true, revision: true, id: true },
});

const service = (after: Record<string, unknown>, extra: Partial<ChangeSpec> = {}): ChangeSpec => ({
  address: 'aws_ecs_service.app',
  after: { name: 'app', ...after },
  after_unknown: { task_definition: true },
  expressions: { task_definition: taskRef },
  ...extra,
});

const SERVICE = 'aws_ecs_service.app';

describe('aws_ecs_service', () => {
  it('Fargate: task cpu and memory from a task definition created in the same plan, × desired_count', async () => {
    const r = await costOf(
      {
        resources: [
          newTask({ cpu: '256', memory: '512' }),
          service({ launch_type: 'FARGATE', desired_count: 2 }),
        ],
      },
      SERVICE,
    );
    const vcpu = component(r, /^Fargate vCPU \(0\.25 vCPU\) × 2 tasks$/);
    assert.equal(vcpu.monthly_quantity, 365); // 0.25 × 2 × 730
    assert.equal(vcpu.unit, 'vCPU-hours');
    assertMoney(vcpu.monthly_cost, 14.7752); // 365 × 0.04048
    const memory = component(r, /^Fargate memory \(0\.5 GB\) × 2 tasks$/);
    assertMoney(memory.monthly_cost, 3.24485); // 0.5 × 2 × 730 × 0.004445
    assert.equal(r.status, 'priced');
    assertMoney(r.monthly_after, 18.02005);
  });

  it('matches an unchanged task definition by family:revision; vCPU and GB forms of the size', async () => {
    const task = {
      family: 'web',
      revision: 7,
      arn: 'arn:aws:ecs:eu-central-1:1:task-definition/web:7',
      cpu: '1 vCPU',
      memory: '2 GB',
    };
    const r = await costOf(
      {
        region: 'eu-central-1',
        resources: [
          { address: 'aws_ecs_task_definition.web', actions: ['no-op'], before: task, after: task },
          {
            address: 'aws_ecs_service.web',
            after: { launch_type: 'FARGATE', desired_count: 3, task_definition: 'web:7' },
          },
        ],
      },
      'aws_ecs_service.web',
    );
    assertMoney(component(r, /^Fargate vCPU \(1 vCPU\) × 3 tasks$/).monthly_cost, 101.9664); // 3 × 730 × 0.04656
    assertMoney(component(r, /^Fargate memory \(2 GB\) × 3 tasks$/).monthly_cost, 22.3818); // 6 × 730 × 0.00511
    assertMoney(r.monthly_after, 124.3482);
  });

  it('capacity providers: base first, the rest by weight; FARGATE_SPOT not priced', async () => {
    const r = await costOf(
      {
        resources: [
          newTask({ cpu: '512', memory: '1024' }),
          service({
            desired_count: 5,
            capacity_provider_strategy: [
              { capacity_provider: 'FARGATE', base: 1, weight: 1 },
              { capacity_provider: 'FARGATE_SPOT', base: 0, weight: 3 },
            ],
          }),
        ],
      },
      SERVICE,
    );
    // FARGATE: 1 base + 4 × 1/4 = 2 tasks; FARGATE_SPOT: 4 × 3/4 = 3 tasks.
    assertMoney(component(r, /^Fargate vCPU \(0\.5 vCPU\) × 2 tasks$/).monthly_cost, 29.5504); // 0.5 × 2 × 730 × 0.04048
    assertMoney(component(r, /^Fargate memory \(1 GB\) × 2 tasks$/).monthly_cost, 6.4897); // 1 × 2 × 730 × 0.004445
    const spot = component(r, /^Fargate Spot vCPU \(0\.5 vCPU\) × 3 tasks$/);
    assert.equal(spot.state, 'not-priced');
    assert.equal(spot.reason, 'Fargate Spot prices are not in the catalog (it holds on-demand prices)');
    assert.equal(r.status, 'partial');
  });

  it('the EC2 launch type adds nothing: its instances are billed where they are defined', async () => {
    const r = await costOf(
      {
        resources: [
          newTask({ cpu: '256', memory: '512' }),
          service({ launch_type: 'EC2', desired_count: 4 }),
        ],
      },
      SERVICE,
    );
    assert.equal(r.status, 'free');
    assert.deepEqual(r.components, []);
    assertMoney(r.monthly_after, 0);
  });

  it('ARM64 tasks ask for the ARM prices, which the catalog does not have', async () => {
    const r = await costOf(
      {
        resources: [
          newTask({
            cpu: '1024',
            memory: '2048',
            runtime_platform: [{ cpu_architecture: 'ARM64', operating_system_family: 'LINUX' }],
          }),
          service({ launch_type: 'FARGATE', desired_count: 1 }),
        ],
      },
      SERVICE,
    );
    const vcpu = component(r, /^Fargate vCPU \(1 vCPU, ARM\) × 1 task$/);
    assert.equal(vcpu.state, 'not-priced');
    assert.equal(
      vcpu.reason,
      'no catalog price for fargate/vcpu/linux-arm in us-east-1; run `tollgate pricing refresh`',
    );
    assert.equal(r.status, 'not-priced');
  });

  it('Windows tasks are named as not priced', async () => {
    const r = await costOf(
      {
        resources: [
          newTask({
            cpu: '1024',
            memory: '2048',
            runtime_platform: [{ operating_system_family: 'WINDOWS_SERVER_2022_CORE' }],
          }),
          service({ launch_type: 'FARGATE', desired_count: 1 }),
        ],
      },
      SERVICE,
    );
    assert.match(component(r, /^Fargate vCPU/).reason ?? '', /^Fargate WINDOWS_SERVER_2022_CORE prices/);
  });

  it('ephemeral storage above the free 20 GB is a line of its own', async () => {
    const r = await costOf(
      {
        resources: [
          newTask({ cpu: '256', memory: '512', ephemeral_storage: [{ size_in_gib: 50 }] }),
          service({ launch_type: 'FARGATE', desired_count: 2 }),
        ],
      },
      SERVICE,
    );
    const storage = component(r, /^Fargate ephemeral storage above 20 GB \(30 GB\) × 2 tasks$/);
    assert.equal(storage.monthly_quantity, 43800); // 30 × 2 × 730 GB-hours
    assert.equal(storage.state, 'not-priced');
    assert.match(storage.reason ?? '', /^no catalog price for fargate\/ephemeral-storage in us-east-1/);
  });

  it('unknown desired_count, unknown launch type and a missing task size stay unknown', async () => {
    const count = await costOf(
      {
        resources: [
          newTask({ cpu: '256', memory: '512' }),
          service(
            { launch_type: 'FARGATE' },
            {
              after_unknown: { task_definition: true, desired_count: true },
              expressions: { task_definition: taskRef, desired_count: { references: ['var.replicas'] } },
            },
          ),
        ],
      },
      SERVICE,
    );
    assert.equal(component(count, /^Fargate vCPU/).state, 'unknown');
    assert.equal(component(count, /^Fargate vCPU/).reason, 'desired_count is known only after apply');

    const launch = await costOf(
      {
        resources: [
          newTask({ cpu: '256', memory: '512' }),
          service({ desired_count: 1 }, { after_unknown: { task_definition: true, launch_type: true } }),
        ],
      },
      SERVICE,
    );
    assert.match(
      component(launch, /^Fargate vCPU/).reason ?? '',
      /^launch_type is known only after apply: the service takes its cluster's default capacity provider strategy/,
    );

    const size = await costOf(
      {
        resources: [newTask({ memory: '512' }), service({ launch_type: 'FARGATE', desired_count: 1 })],
      },
      SERVICE,
    );
    assert.equal(
      component(size, /^Fargate vCPU/).reason,
      'aws_ecs_task_definition.app.cpu is not set (Fargate needs a task-level size)',
    );
    assertMoney(component(size, /^Fargate memory/).monthly_cost, 1.622425); // 0.5 × 730 × 0.004445
  });
});

describe('aws_ecs_service task count', () => {
  it('desired_count unknown after apply is unknown, not 0 tasks, even with no expression for it', async () => {
    const r = await costOf(
      {
        resources: [
          newTask({ cpu: '256', memory: '512' }),
          service(
            { launch_type: 'FARGATE' },
            { after_unknown: { task_definition: true, desired_count: true } },
          ),
        ],
      },
      SERVICE,
    );
    for (const name of [/^Fargate vCPU/, /^Fargate memory/]) {
      const line = component(r, name);
      assert.equal(line.state, 'unknown');
      assert.equal(line.reason, 'desired_count is known only after apply');
      assert.equal(line.monthly_cost, null);
    }
    assert.equal(r.status, 'partial');
  });

  it('unknown desired_count with a Fargate capacity provider strategy: unknown; with EC2 providers: nothing', async () => {
    const strategy = (capacity_provider: string) =>
      service(
        { desired_count: undefined, capacity_provider_strategy: [{ capacity_provider, base: 0, weight: 1 }] },
        { after_unknown: { task_definition: true, desired_count: true, launch_type: true } },
      );
    const fargate = await costOf(
      { resources: [newTask({ cpu: '256', memory: '512' }), strategy('FARGATE')] },
      SERVICE,
    );
    assert.equal(component(fargate, /^Fargate vCPU/).reason, 'desired_count is known only after apply');
    assert.equal(fargate.status, 'partial');

    const ec2 = await costOf(
      { resources: [newTask({ cpu: '256', memory: '512' }), strategy('asg-capacity')] },
      SERVICE,
    );
    assert.equal(ec2.status, 'free');
    assert.deepEqual(ec2.components, []);
  });

  it('desired_count not set: the provider default, 0 tasks, said on the line', async () => {
    const r = await costOf(
      { resources: [newTask({ cpu: '256', memory: '512' }), service({ launch_type: 'FARGATE' })] },
      SERVICE,
    );
    const vcpu = component(r, /^Fargate vCPU \(0\.25 vCPU\) × 0 tasks$/);
    assertMoney(vcpu.monthly_cost, 0);
    assert.match(vcpu.note ?? '', /^desired_count is not set: the provider's default is 0 tasks/);
    assertMoney(r.monthly_after, 0);

    const strategy = await costOf(
      {
        resources: [
          newTask({ cpu: '256', memory: '512' }),
          service({ capacity_provider_strategy: [{ capacity_provider: 'FARGATE', base: 0, weight: 1 }] }),
        ],
      },
      SERVICE,
    );
    assert.match(component(strategy, /^Fargate vCPU/).note ?? '', /^desired_count is not set/);
  });

  it('DAEMON on Fargate is not priced, and says Fargate does not support it', async () => {
    const r = await costOf(
      {
        resources: [
          newTask({ cpu: '256', memory: '512' }),
          service({ launch_type: 'FARGATE', scheduling_strategy: 'DAEMON' }),
        ],
      },
      SERVICE,
    );
    const vcpu = component(r, /^Fargate vCPU$/);
    assert.equal(vcpu.state, 'unknown');
    assert.equal(
      vcpu.reason,
      'scheduling_strategy DAEMON runs one task per container instance, which Fargate does not support: AWS rejects this service',
    );
    assert.equal(component(r, /^Fargate memory$/).state, 'unknown');
    assert.equal(r.status, 'partial');
  });

  it('DAEMON on EC2: one task per container instance, billed as the instances', async () => {
    const r = await costOf(
      {
        resources: [
          newTask({ cpu: '256', memory: '512' }),
          service({ launch_type: 'EC2', scheduling_strategy: 'DAEMON', desired_count: 0 }),
        ],
      },
      SERVICE,
    );
    assert.equal(r.status, 'free');
    assert.deepEqual(r.components, []);
  });

  it('scheduling_strategy known only after apply keeps the task count unknown', async () => {
    const r = await costOf(
      {
        resources: [
          newTask({ cpu: '256', memory: '512' }),
          service(
            { launch_type: 'FARGATE', desired_count: 2 },
            {
              after_unknown: { task_definition: true, scheduling_strategy: true },
              expressions: {
                task_definition: taskRef,
                scheduling_strategy: { references: ['var.strategy'] },
              },
            },
          ),
        ],
      },
      SERVICE,
    );
    assert.equal(
      component(r, /^Fargate vCPU/).reason,
      'scheduling_strategy is known only after apply: the number of tasks depends on it',
    );
  });
});
