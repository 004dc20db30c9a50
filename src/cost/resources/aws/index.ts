import type { Pricer } from '../types.ts';
import { cloudwatchLogGroup } from './cloudwatch_log_group.ts';
import { dbInstance } from './db_instance.ts';
import { dynamodbTable } from './dynamodb_table.ts';
import { ebsVolume } from './ebs_volume.ts';
import { elasticacheCluster } from './elasticache_cluster.ts';
import { elasticacheReplicationGroup } from './elasticache_replication_group.ts';
import { instance } from './instance.ts';
import { kmsKey } from './kms_key.ts';
import { natGateway } from './nat_gateway.ts';
import { opensearchDomain } from './opensearch_domain.ts';
import { rdsCluster } from './rds_cluster.ts';
import { rdsClusterInstance } from './rds_cluster_instance.ts';
import { route53Zone } from './route53_zone.ts';
import { s3Bucket } from './s3_bucket.ts';
import { secretsmanagerSecret } from './secretsmanager_secret.ts';
import { sqsQueue } from './sqs_queue.ts';

/** Every priced AWS type: one file per type in this folder, one line here. */
export const AWS_PRICERS: readonly Pricer[] = [
  instance,
  ebsVolume,
  natGateway,
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
