import type { Pricer } from '../types.ts';
import { dbInstance } from './db_instance.ts';
import { ebsVolume } from './ebs_volume.ts';
import { elasticacheCluster } from './elasticache_cluster.ts';
import { elasticacheReplicationGroup } from './elasticache_replication_group.ts';
import { instance } from './instance.ts';
import { natGateway } from './nat_gateway.ts';
import { opensearchDomain } from './opensearch_domain.ts';
import { rdsCluster } from './rds_cluster.ts';
import { rdsClusterInstance } from './rds_cluster_instance.ts';

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
];
