import assert from 'node:assert/strict';
import { it } from 'node:test';
import { configExpressions } from '../../src/inputs/hcl/expressions.ts';

it('gives HCL blocks the configuration shape of a plan: constants, references, nested blocks', () => {
  assert.deepEqual(
    configExpressions({
      count: 3,
      desired_capacity: 2,
      launch_configuration: '${aws_launch_configuration.lc.name}',
      launch_template: [{ id: '${aws_launch_template.t[0].id}', version: '$Latest' }],
      name: 'app-${var.env}-${local.suffix}',
      subnets: ['${data.aws_subnet.a.id}', '${module.vpc.private_subnets[1]}'],
      tags: { team: '${var.team}', fixed: 'x' },
      user_data: '${templatefile("boot.sh", { id = aws_sqs_queue.q.arn })}',
      index: '${aws_instance.web[count.index].id}',
    }),
    {
      desired_capacity: { constant_value: 2 },
      launch_configuration: {
        references: ['aws_launch_configuration.lc.name', 'aws_launch_configuration.lc'],
      },
      launch_template: [
        {
          id: { references: ['aws_launch_template.t[0].id', 'aws_launch_template.t[0]'] },
          version: { constant_value: '$Latest' },
        },
      ],
      name: { references: ['var.env', 'local.suffix'] },
      subnets: {
        references: [
          'data.aws_subnet.a.id',
          'data.aws_subnet.a',
          'module.vpc.private_subnets[1]',
          'module.vpc',
        ],
      },
      tags: { references: ['var.team'] },
      user_data: { references: ['aws_sqs_queue.q.arn', 'aws_sqs_queue.q'] },
      index: { references: ['count.index', 'aws_instance.web'] },
    },
  );
});
