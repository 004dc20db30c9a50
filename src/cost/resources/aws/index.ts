import type { Pricer } from '../types.ts';
import { autoscalingGroup } from './autoscaling_group.ts';
import { ebsVolume } from './ebs_volume.ts';
import { ecsService } from './ecs_service.ts';
import { eip } from './eip.ts';
import { eksCluster } from './eks_cluster.ts';
import { eksNodeGroup } from './eks_node_group.ts';
import { elb } from './elb.ts';
import { instance } from './instance.ts';
import { lambdaFunction } from './lambda_function.ts';
import { lb } from './lb.ts';
import { natGateway } from './nat_gateway.ts';
import { vpcEndpoint } from './vpc_endpoint.ts';

/** Every priced AWS type: one file per type in this folder, one line here. */
export const AWS_PRICERS: readonly Pricer[] = [
  instance,
  ebsVolume,
  natGateway,
  eip,
  lb,
  elb,
  eksCluster,
  eksNodeGroup,
  autoscalingGroup,
  ecsService,
  lambdaFunction,
  vpcEndpoint,
];
