import type { Pricer } from '../types.ts';
import { autoscalingGroup } from './autoscaling_group.ts';
import { cloudwatchLogGroup } from './cloudwatch_log_group.ts';
import { dbInstance } from './db_instance.ts';
import { dynamodbTable } from './dynamodb_table.ts';
import { ebsVolume } from './ebs_volume.ts';
import { ecsService } from './ecs_service.ts';
import { eip } from './eip.ts';
import { eksCluster } from './eks_cluster.ts';
import { eksNodeGroup } from './eks_node_group.ts';
import { elasticacheCluster } from './elasticache_cluster.ts';
import { elasticacheReplicationGroup } from './elasticache_replication_group.ts';
import { elb } from './elb.ts';
import { instance } from './instance.ts';
import { kmsKey } from './kms_key.ts';
import { lambdaFunction } from './lambda_function.ts';
import { lb } from './lb.ts';
import { natGateway } from './nat_gateway.ts';
import { opensearchDomain } from './opensearch_domain.ts';
import { rdsCluster } from './rds_cluster.ts';
import { rdsClusterInstance } from './rds_cluster_instance.ts';
import { route53Zone } from './route53_zone.ts';
import { s3Bucket } from './s3_bucket.ts';
import { secretsmanagerSecret } from './secretsmanager_secret.ts';
import { sqsQueue } from './sqs_queue.ts';
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
  dbInstance,
  rdsCluster,
  rdsClusterInstance,
  elasticacheCluster,
  elasticacheReplicationGroup,
  opensearchDomain,
  s3Bucket,
  dynamodbTable,
  cloudwatchLogGroup,
  kmsKey,
  secretsmanagerSecret,
  sqsQueue,
  route53Zone,
];
