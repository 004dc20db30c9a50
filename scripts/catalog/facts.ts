/**
 * Maps the price facts in data/pricing-facts (see its PROVENANCE.md) to catalog SKUs. Dev-time only:
 * `npm run catalog` runs it; the product reads the catalog it writes.
 */

export interface Fact {
  service: string;
  terraform_resource: string | null;
  component: string;
  unit: string;
  usd: number;
  region: string;
  attributes: Record<string, unknown>;
  source: { repo: string; path: string; commit?: string; as_of: string; method?: string };
}

/** The SKU a fact prices, or a reason it is not used. */
export function skuOfFact(f: Fact): { sku: string } | { skip: string } {
  const a = f.attributes;
  const c = f.component;
  const has = (s: string) => c.includes(s);
  if (typeof a.sku === 'string') return { sku: a.sku };
  switch (f.service) {
    case 'EC2':
      if (has('CPU credits')) return { sku: 'ec2/cpu-credits/linux' };
      if (f.terraform_resource === 'aws_eip')
        return { skip: 'pre-2024 idle-EIP rule; public IPv4 is priced from tollgate-global-facts.json' };
      return { skip: 'EBS-optimized surcharge of old types is not modelled' };
    case 'EBS': {
      const v = a.volume_type as string | undefined;
      if (c.startsWith('storage ') && v) return { sku: `ebs/storage/${v}` };
      if (has('provisioned IOPS gp3')) return { sku: 'ebs/iops/gp3' };
      if (has('provisioned IOPS io1')) return { sku: 'ebs/iops/io1' };
      if (has('provisioned IOPS io2 (tier 1')) return { sku: 'ebs/iops/io2-tier1' };
      if (has('provisioned IOPS io2 (tier 2')) return { sku: 'ebs/iops/io2-tier2' };
      if (has('provisioned IOPS io2 (tier 3')) return { sku: 'ebs/iops/io2-tier3' };
      if (has('provisioned throughput gp3')) return { sku: 'ebs/throughput/gp3' };
      if (has('I/O requests standard')) return { sku: 'ebs/io/standard' };
      if (has('snapshot storage (standard tier)')) return { sku: 'ebs/snapshot/standard' };
      return { skip: 'EBS snapshot archive / fast snapshot restore are not modelled' };
    }
    case 'RDS':
      return rdsSku(f);
    case 'ElastiCache':
      if (c.startsWith('node '))
        return { sku: `elasticache/node/${String(a.engine)}/${String(a.node_type)}` };
      if (c === 'backup storage') return { sku: 'elasticache/backup' };
      break;
    case 'OpenSearch':
      if (c.startsWith('instance ')) return { sku: `opensearch/instance/${String(a.instance_type)}` };
      if (c.startsWith('EBS storage ')) return { sku: `opensearch/storage/${String(a.volume_type)}` };
      break;
    case 'ELB': {
      const lb = ({ application: 'alb', network: 'nlb', gateway: 'gwlb' } as Record<string, string>)[
        String(a.load_balancer_type)
      ];
      if (lb) return { sku: `elb/${lb}/${f.unit === 'Hrs' ? 'hour' : 'lcu'}` };
      if (has('Classic Load Balancer hour')) return { sku: 'elb/clb/hour' };
      if (has('Classic Load Balancer data processed')) return { sku: 'elb/clb/gb' };
      break;
    }
    case 'VPC':
      if (has('NAT gateway hour')) return { sku: 'vpc/nat/hour' };
      if (has('NAT gateway data processed')) return { sku: 'vpc/nat/gb' };
      if (has('Interface endpoint hour')) return { sku: 'vpc/endpoint/hour' };
      if (has('Interface endpoint data processed')) return { sku: 'vpc/endpoint/gb' };
      if (has('Transit gateway attachment hour')) return { sku: 'vpc/tgw-attachment/hour' };
      if (has('Transit gateway data processed')) return { sku: 'vpc/tgw-attachment/gb' };
      if (has('Site-to-site VPN')) return { sku: 'vpc/vpn/hour' };
      break;
    case 'EKS':
      if (has('standard support')) return { sku: 'eks/cluster/standard' };
      if (has('extended support')) return { sku: 'eks/cluster/extended' };
      break;
    case 'Fargate': {
      const arch = a.arch === 'arm64' || has('ARM') ? 'arm' : 'x86';
      if (has('vCPU')) return { sku: `fargate/vcpu/linux-${arch}` };
      if (has('memory')) return { sku: `fargate/memory/linux-${arch}` };
      break;
    }
    case 'Lambda': {
      if (c === 'requests') return { sku: 'lambda/requests' };
      if (has('ephemeral storage')) return { sku: 'lambda/ephemeral-storage' };
      const arch = String(a.architecture);
      const tier = has('first') ? 'tier1' : has('next') ? 'tier2' : has('over') ? 'tier3' : undefined;
      if (c.startsWith('duration ') && tier) return { sku: `lambda/duration/${arch}/${tier}` };
      break;
    }
    case 'S3': {
      const storage: Record<string, string> = {
        STANDARD: 'standard',
        STANDARD_IA: 'standard-ia',
        ONEZONE_IA: 'onezone-ia',
        GLACIER: 'glacier',
        DEEP_ARCHIVE: 'deep-archive',
      };
      if (has('PUT, COPY, POST, LIST')) return { sku: 's3/requests/tier1' };
      if (has('Standard storage (next 450TB tier)')) return { sku: 's3/storage/standard-tier2' };
      if (has('Standard storage (over 500TB tier)')) return { sku: 's3/storage/standard-tier3' };
      if (has('GET, SELECT')) return { sku: 's3/requests/tier2' };
      if (has('storage') && storage[String(a.storage_class)])
        return { sku: `s3/storage/${storage[String(a.storage_class)]}` };
      return { skip: 'S3 Intelligent-Tiering monitoring is not modelled' };
    }
    case 'DynamoDB':
      if (has('provisioned read capacity')) return { sku: 'dynamodb/rcu' };
      if (has('provisioned write capacity')) return { sku: 'dynamodb/wcu' };
      if (has('on-demand read request')) return { sku: 'dynamodb/read-requests' };
      if (has('on-demand write request')) return { sku: 'dynamodb/write-requests' };
      if (has('data storage')) return { sku: 'dynamodb/storage' };
      if (has('PITR')) return { sku: 'dynamodb/pitr' };
      return { skip: 'DynamoDB on-demand backups and streams are not modelled' };
    case 'CloudWatch':
      if (has('logs data ingested')) return { sku: 'cloudwatch/logs/ingest' };
      if (has('logs archival storage')) return { sku: 'cloudwatch/logs/storage' };
      if (has('Logs Insights')) return { sku: 'cloudwatch/logs/insights' };
      if (has('standard resolution alarm')) return { sku: 'cloudwatch/alarm-standard' };
      if (has('high resolution alarm')) return { sku: 'cloudwatch/alarm-high-resolution' };
      if (has('custom metric') || has('detailed monitoring')) return { sku: 'cloudwatch/metric' };
      return { skip: 'CloudWatch API requests and composite alarms are not modelled' };
    case 'KMS':
      if (has('customer managed key')) return { sku: 'kms/key' };
      if (has('symmetric requests') && !has('asymmetric')) return { sku: 'kms/requests/symmetric' };
      if (has('asymmetric requests')) return { sku: 'kms/requests/asymmetric' };
      break;
    case 'Secrets Manager':
      if (c === 'secret') return { sku: 'secretsmanager/secret' };
      if (has('API requests')) return { sku: 'secretsmanager/requests' };
      break;
    case 'SQS':
      return { sku: a.fifo_queue === true ? 'sqs/requests/fifo' : 'sqs/requests/standard' };
    case 'Route53':
      if (has('hosted zone')) return { sku: 'route53/zone' };
      return { skip: 'Route 53 query prices are usage of records, not modelled' };
  }
  return { skip: `${f.service} is not priced by tollgate yet` };
}

function rdsSku(f: Fact): { sku: string } | { skip: string } {
  const a = f.attributes;
  const c = f.component;
  const deployment = a.deployment === 'Multi-AZ' ? 'multi-az' : 'single-az';
  const engine = a.engine as string | undefined;
  if (c.startsWith('instance ') || c.startsWith('Aurora instance ')) {
    const cls = a.instance_class as string | undefined;
    if (!cls || !engine) return { skip: 'an RDS instance price without engine or class' };
    if (engine.startsWith('aurora')) return { sku: `rds/instance/${engine}/cluster/${cls}` };
    return { sku: `rds/instance/${engine}/${deployment}/${cls}` };
  }
  const storage = a.storage_type as string | undefined;
  if (c.startsWith('storage magnetic')) return { sku: `rds/storage/standard/${deployment}` };
  if (c.startsWith('storage ')) {
    const type = storage ?? /storage (gp2|gp3|io1|io2)/.exec(c)?.[1];
    if (type) return { sku: `rds/storage/${type}/${deployment}` };
  }
  if (/gp3 (provisioned )?IOPS/.test(c)) return { sku: `rds/iops/gp3/${deployment}` };
  if (/io1 IOPS|provisioned IOPS io1/.test(c)) return { sku: `rds/iops/io1/${deployment}` };
  if (/io2 IOPS/.test(c)) return { sku: `rds/iops/io2/${deployment}` };
  if (c.startsWith('gp3 throughput')) return { sku: `rds/throughput/gp3/${deployment}` };
  if (c === 'I/O requests magnetic') return { sku: 'rds/io/standard' };
  if (c === 'Aurora storage (standard)') return { sku: 'rds/aurora-storage/standard' };
  if (c === 'Aurora storage (I/O-optimized)') return { sku: 'rds/aurora-storage/iopt1' };
  if (c === 'Aurora I/O requests (standard)') return { sku: 'rds/aurora-io' };
  if (c === 'Aurora Serverless v2 (standard)') return { sku: 'rds/aurora-serverless-v2/standard' };
  if (c === 'Aurora Serverless v2 (I/O-optimized)') return { sku: 'rds/aurora-serverless-v2/iopt1' };
  return { skip: `RDS component "${c}" is not modelled` };
}
