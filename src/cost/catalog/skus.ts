/**
 * Every price tollgate knows how to look up, as `service/kind/params` SKUs: the one contract between
 * the pricers (which name SKUs), the bundled catalog (which stores a price per SKU and region), and the
 * live AWS Pricing API (which is asked for the product each SKU stands for).
 */

/** Services as users name them for discounts (`pricing.discounts.<service>`). */
export const SERVICES = [
  'ec2',
  'ebs',
  'rds',
  'elasticache',
  'opensearch',
  'elb',
  'vpc',
  'eks',
  'lambda',
  's3',
  'dynamodb',
  'cloudwatch',
  'kms',
  'secretsmanager',
  'sqs',
  'route53',
  'fargate',
] as const;

export type ServiceId = (typeof SERVICES)[number];

/** A GetProducts query and how to read the one price it stands for. */
export interface ProductQuery {
  serviceCode: string;
  /** TERM_MATCH filters; `regionCode` is added for regional SKUs. */
  filters: Record<string, string>;
  /** Chooses among the returned products when filters cannot (usage types carry a region prefix). */
  usagetype?: RegExp;
  /** The price dimension's unit as AWS states it, and the factor from it to the catalog's unit. */
  awsUnit?: string;
  divideBy?: number;
  multiplyBy?: number;
  /** For tiered prices: the dimension whose range begins here. */
  beginRange?: string;
}

/**
 * For `pricing refresh`: one query that returns a whole family (every instance type of a region) and
 * how each product maps back to a SKU, instead of one query per type.
 */
export interface BulkQuery {
  /** Kinds whose SKUs share this key are fetched together. */
  group(match: RegExpExecArray): string;
  query(match: RegExpExecArray): ProductQuery;
  skuOf(match: RegExpExecArray, attributes: Record<string, string>): string | undefined;
}

export interface SkuKind {
  pattern: RegExp;
  bulk?: BulkQuery;
  service: ServiceId;
  /** The unit of the catalog's price. */
  unit: string;
  /** Global services (Route 53) and prices AWS states once for every region (public IPv4). */
  scope: 'regional' | 'global';
  /**
   * Also looked up under a Local or Wavelength Zone group (`us-west-2-lax-1`), at the zone's own
   * price, for a resource placed there. `pricing refresh` asks a zone for these kinds only.
   */
  zonal?: true;
  query(match: RegExpExecArray): ProductQuery;
}

const EC2 = 'AmazonEC2';

const EBS_VOLUME_API: Record<string, string> = {
  gp2: 'gp2',
  gp3: 'gp3',
  io1: 'io1',
  io2: 'io2',
  st1: 'st1',
  sc1: 'sc1',
  standard: 'standard',
};

const RDS_ENGINE: Record<string, string> = {
  mysql: 'MySQL',
  postgres: 'PostgreSQL',
  mariadb: 'MariaDB',
  'aurora-mysql': 'Aurora MySQL',
  'aurora-postgresql': 'Aurora PostgreSQL',
};

const RDS_STORAGE: Record<string, string> = {
  gp2: 'General Purpose',
  gp3: 'General Purpose-GP3',
  io1: 'Provisioned IOPS',
  io2: 'Provisioned IOPS-IO2',
  standard: 'Magnetic',
};

const DEPLOYMENT: Record<string, string> = { 'single-az': 'Single-AZ', 'multi-az': 'Multi-AZ' };

const S3_STORAGE: Record<string, string> = {
  standard: 'Standard',
  'standard-ia': 'Standard - Infrequent Access',
  'onezone-ia': 'One Zone - Infrequent Access',
  glacier: 'Amazon Glacier',
  'deep-archive': 'Glacier Deep Archive',
};

const LAMBDA_TIER_BEGIN: Record<string, Record<string, string>> = {
  x86_64: { tier1: '0', tier2: '6000000000', tier3: '15000000000' },
  arm64: { tier1: '0', tier2: '7500000000', tier3: '18750000000' },
};

const LB_FAMILY: Record<string, string> = {
  alb: 'Load Balancer-Application',
  nlb: 'Load Balancer-Network',
  gwlb: 'Load Balancer-Gateway',
};

/**
 * A usage type: at most one region prefix (`USE1-`, `EU-`, or none), an optional service part
 * (`EBS:`), then the usage itself. Suffix matching alone would also take variants such as
 * `USE1-Outposts-NatGateway-Hours`, which are priced differently.
 */
function usage(source: string): RegExp {
  return new RegExp(`^(?:[A-Z]{2,4}[0-9]?-)?(?:[A-Za-z0-9]+:)?(?:${source})$`);
}

function withoutFilter(query: ProductQuery, field: string): ProductQuery {
  const filters = { ...query.filters };
  delete filters[field];
  return { ...query, filters };
}

function m(match: RegExpExecArray, i: number): string {
  return match[i] as string;
}

/** The SKU kinds, most specific first. */
export const SKU_KINDS: SkuKind[] = [
  // EC2
  {
    pattern: /^ec2\/instance\/([a-z0-9-]+\.[a-z0-9-]+)$/,
    bulk: {
      group: () => 'ec2/instance',
      query: (x) => withoutFilter(SKU_KINDS[0]!.query(x), 'instanceType'),
      skuOf: (_x, a) => (a.instanceType ? `ec2/instance/${a.instanceType}` : undefined),
    },
    service: 'ec2',
    unit: 'hours',
    scope: 'regional',
    zonal: true,
    query: (x) => ({
      serviceCode: EC2,
      filters: {
        productFamily: 'Compute Instance',
        instanceType: m(x, 1),
        operatingSystem: 'Linux',
        tenancy: 'Shared',
        preInstalledSw: 'NA',
        capacitystatus: 'Used',
        licenseModel: 'No License required',
      },
      awsUnit: 'Hrs',
    }),
  },
  {
    pattern: /^ec2\/cpu-credits\/linux$/,
    service: 'ec2',
    unit: 'vCPU-hours',
    scope: 'regional',
    query: () => ({
      serviceCode: EC2,
      filters: { productFamily: 'CPU Credits', operatingSystem: 'Linux' },
      usagetype: usage('CPUCredits:t3'),
    }),
  },
  {
    pattern: /^ec2\/public-ipv4$/,
    service: 'vpc',
    unit: 'hours',
    scope: 'global',
    query: () => ({
      serviceCode: 'AmazonVPC',
      // One price everywhere: ask about us-east-1.
      filters: { group: 'VPCPublicIPv4Address', regionCode: 'us-east-1' },
      usagetype: usage('PublicIPv4:InUseAddress'),
    }),
  },
  // EBS
  {
    pattern: /^ebs\/storage\/(gp2|gp3|io1|io2|st1|sc1|standard)$/,
    service: 'ebs',
    unit: 'GB-months',
    scope: 'regional',
    query: (x) => ({
      serviceCode: EC2,
      filters: { productFamily: 'Storage', volumeApiName: EBS_VOLUME_API[m(x, 1)] as string },
    }),
  },
  {
    pattern: /^ebs\/iops\/(gp3|io1|io2-tier1|io2-tier2|io2-tier3)$/,
    service: 'ebs',
    unit: 'IOPS-months',
    scope: 'regional',
    query: (x) => {
      const usages: Record<string, RegExp> = {
        gp3: usage('VolumeP-IOPS\\.gp3'),
        io1: usage('VolumeP-IOPS\\.piops'),
        'io2-tier1': usage('VolumeP-IOPS\\.io2'),
        'io2-tier2': usage('VolumeP-IOPS\\.io2\\.tier2'),
        'io2-tier3': usage('VolumeP-IOPS\\.io2\\.tier3'),
      };
      const volume = m(x, 1).split('-')[0] as string;
      return {
        serviceCode: EC2,
        filters: { productFamily: 'System Operation', volumeApiName: volume },
        usagetype: usages[m(x, 1)],
      };
    },
  },
  {
    pattern: /^ebs\/throughput\/gp3$/,
    service: 'ebs',
    unit: 'MiBps-months',
    scope: 'regional',
    // AWS prices gp3 throughput per GiBps-month.
    query: () => ({
      serviceCode: EC2,
      filters: { productFamily: 'Provisioned Throughput', volumeApiName: 'gp3' },
      usagetype: usage('VolumeP-Throughput\\.gp3'),
      awsUnit: 'GiBps-mo',
      divideBy: 1024,
    }),
  },
  {
    pattern: /^ebs\/io\/standard$/,
    service: 'ebs',
    unit: '1M requests',
    scope: 'regional',
    query: () => ({
      serviceCode: EC2,
      filters: { productFamily: 'System Operation', volumeApiName: 'standard' },
      usagetype: usage('VolumeIOUsage'),
      awsUnit: 'IOs',
      multiplyBy: 1_000_000,
    }),
  },
  {
    pattern: /^ebs\/snapshot\/standard$/,
    service: 'ebs',
    unit: 'GB-months',
    scope: 'regional',
    query: () => ({
      serviceCode: EC2,
      filters: { productFamily: 'Storage Snapshot' },
      usagetype: usage('EBS:SnapshotUsage'),
    }),
  },
  // RDS
  {
    pattern: /^rds\/instance\/(mysql|postgres|mariadb)\/(single-az|multi-az)\/(db\.[a-z0-9.-]+)$/,
    bulk: {
      group: (x) => `rds/instance/${m(x, 1)}/${m(x, 2)}`,
      query: (x) => ({
        serviceCode: 'AmazonRDS',
        filters: {
          productFamily: 'Database Instance',
          databaseEngine: RDS_ENGINE[m(x, 1)] as string,
          deploymentOption: DEPLOYMENT[m(x, 2)] as string,
        },
        awsUnit: 'Hrs',
      }),
      skuOf: (x, a) => (a.instanceType ? `rds/instance/${m(x, 1)}/${m(x, 2)}/${a.instanceType}` : undefined),
    },
    service: 'rds',
    unit: 'hours',
    scope: 'regional',
    query: (x) => ({
      serviceCode: 'AmazonRDS',
      filters: {
        productFamily: 'Database Instance',
        instanceType: m(x, 3),
        databaseEngine: RDS_ENGINE[m(x, 1)] as string,
        deploymentOption: DEPLOYMENT[m(x, 2)] as string,
      },
      awsUnit: 'Hrs',
    }),
  },
  {
    pattern: /^rds\/instance\/(aurora-mysql|aurora-postgresql)\/cluster\/(db\.[a-z0-9.-]+)$/,
    bulk: {
      group: (x) => `rds/instance/${m(x, 1)}/cluster`,
      query: (x) => ({
        serviceCode: 'AmazonRDS',
        filters: { productFamily: 'Database Instance', databaseEngine: RDS_ENGINE[m(x, 1)] as string },
        usagetype: /InstanceUsage:db\./,
        awsUnit: 'Hrs',
      }),
      skuOf: (x, a) => (a.instanceType ? `rds/instance/${m(x, 1)}/cluster/${a.instanceType}` : undefined),
    },
    service: 'rds',
    unit: 'hours',
    scope: 'regional',
    query: (x) => ({
      serviceCode: 'AmazonRDS',
      filters: {
        productFamily: 'Database Instance',
        instanceType: m(x, 2),
        databaseEngine: RDS_ENGINE[m(x, 1)] as string,
      },
      usagetype: /InstanceUsage:db\./,
      awsUnit: 'Hrs',
    }),
  },
  {
    // Instances of an Aurora I/O-Optimized cluster bill a different hourly rate from Standard ones.
    pattern: /^rds\/instance\/(aurora-mysql|aurora-postgresql)\/cluster-iopt1\/(db\.[a-z0-9.-]+)$/,
    service: 'rds',
    unit: 'hours',
    scope: 'regional',
    query: (x) => ({
      serviceCode: 'AmazonRDS',
      filters: {
        productFamily: 'Database Instance',
        instanceType: m(x, 2),
        databaseEngine: RDS_ENGINE[m(x, 1)] as string,
      },
      usagetype: /InstanceUsageIOOptimized:db\./,
      awsUnit: 'Hrs',
    }),
  },
  {
    pattern: /^rds\/storage\/(gp2|gp3|io1|io2|standard)\/(single-az|multi-az)$/,
    service: 'rds',
    unit: 'GB-months',
    scope: 'regional',
    query: (x) => ({
      serviceCode: 'AmazonRDS',
      filters: {
        productFamily: 'Database Storage',
        volumeType: RDS_STORAGE[m(x, 1)] as string,
        deploymentOption: DEPLOYMENT[m(x, 2)] as string,
        databaseEngine: 'MySQL',
      },
    }),
  },
  {
    pattern: /^rds\/iops\/(gp3|io1|io2)\/(single-az|multi-az)$/,
    service: 'rds',
    unit: 'IOPS-months',
    scope: 'regional',
    query: (x) => ({
      serviceCode: 'AmazonRDS',
      filters: {
        productFamily: 'Provisioned IOPS',
        deploymentOption: DEPLOYMENT[m(x, 2)] as string,
        databaseEngine: 'MySQL',
      },
      usagetype:
        m(x, 1) === 'gp3'
          ? usage('(?:Multi-AZ-)?GP3-PIOPS')
          : m(x, 1) === 'io2'
            ? usage('(?:Multi-AZ-)?IO2-PIOPS')
            : usage('(?:Multi-AZ-)?PIOPS'),
    }),
  },
  {
    pattern: /^rds\/throughput\/gp3\/(single-az|multi-az)$/,
    service: 'rds',
    unit: 'MiBps-months',
    scope: 'regional',
    query: (x) => ({
      serviceCode: 'AmazonRDS',
      filters: {
        productFamily: 'Provisioned Throughput',
        deploymentOption: DEPLOYMENT[m(x, 1)] as string,
        databaseEngine: 'MySQL',
      },
      usagetype: usage('(?:Multi-AZ-)?GP3-Throughput'),
    }),
  },
  {
    pattern: /^rds\/io\/standard$/,
    service: 'rds',
    unit: '1M requests',
    scope: 'regional',
    query: () => ({
      serviceCode: 'AmazonRDS',
      filters: { productFamily: 'System Operation', databaseEngine: 'MySQL' },
      usagetype: usage('RDS:StorageIOUsage'),
      awsUnit: 'IOs',
      multiplyBy: 1_000_000,
    }),
  },
  {
    pattern: /^rds\/aurora-storage\/(standard|iopt1)$/,
    service: 'rds',
    unit: 'GB-months',
    scope: 'regional',
    query: (x) => ({
      serviceCode: 'AmazonRDS',
      filters: { productFamily: 'Database Storage', databaseEngine: 'Aurora MySQL' },
      usagetype:
        m(x, 1) === 'iopt1' ? usage('Aurora:IO-OptimizedStorageUsage') : usage('Aurora:StorageUsage'),
    }),
  },
  {
    pattern: /^rds\/aurora-io$/,
    service: 'rds',
    unit: '1M requests',
    scope: 'regional',
    query: () => ({
      serviceCode: 'AmazonRDS',
      filters: { productFamily: 'System Operation', databaseEngine: 'Aurora MySQL' },
      usagetype: usage('Aurora:StorageIOUsage'),
      awsUnit: 'IOs',
      multiplyBy: 1_000_000,
    }),
  },
  {
    pattern: /^rds\/aurora-serverless-v2\/(standard|iopt1)$/,
    service: 'rds',
    unit: 'ACU-hours',
    scope: 'regional',
    query: (x) => ({
      serviceCode: 'AmazonRDS',
      filters: { productFamily: 'ServerlessV2', databaseEngine: 'Aurora MySQL' },
      usagetype:
        m(x, 1) === 'iopt1'
          ? usage('Aurora:ServerlessV2IOOptimizedUsage')
          : usage('Aurora:ServerlessV2Usage'),
    }),
  },
  // ElastiCache, OpenSearch
  {
    pattern: /^elasticache\/node\/(redis|valkey|memcached)\/(cache\.[a-z0-9.-]+)$/,
    bulk: {
      group: (x) => `elasticache/node/${m(x, 1)}`,
      query: (x) => ({
        serviceCode: 'AmazonElastiCache',
        filters: {
          productFamily: 'Cache Instance',
          cacheEngine: { redis: 'Redis', valkey: 'Valkey', memcached: 'Memcached' }[m(x, 1)] as string,
        },
        awsUnit: 'Hrs',
      }),
      skuOf: (x, a) => (a.instanceType ? `elasticache/node/${m(x, 1)}/${a.instanceType}` : undefined),
    },
    service: 'elasticache',
    unit: 'hours',
    scope: 'regional',
    query: (x) => ({
      serviceCode: 'AmazonElastiCache',
      filters: {
        productFamily: 'Cache Instance',
        instanceType: m(x, 2),
        cacheEngine: { redis: 'Redis', valkey: 'Valkey', memcached: 'Memcached' }[m(x, 1)] as string,
      },
      awsUnit: 'Hrs',
    }),
  },
  {
    pattern: /^elasticache\/backup$/,
    service: 'elasticache',
    unit: 'GB-months',
    scope: 'regional',
    query: () => ({ serviceCode: 'AmazonElastiCache', filters: { productFamily: 'Storage Snapshot' } }),
  },
  {
    pattern: /^opensearch\/instance\/([a-z0-9.-]+\.search)$/,
    bulk: {
      group: () => 'opensearch/instance',
      query: () => ({
        serviceCode: 'AmazonES',
        filters: { productFamily: 'Amazon OpenSearch Service Instance' },
        awsUnit: 'Hrs',
      }),
      skuOf: (_x, a) => (a.instanceType ? `opensearch/instance/${a.instanceType}` : undefined),
    },
    service: 'opensearch',
    unit: 'hours',
    scope: 'regional',
    query: (x) => ({
      serviceCode: 'AmazonES',
      filters: { productFamily: 'Amazon OpenSearch Service Instance', instanceType: m(x, 1) },
      awsUnit: 'Hrs',
    }),
  },
  {
    pattern: /^opensearch\/storage\/(gp2|gp3)$/,
    service: 'opensearch',
    unit: 'GB-months',
    scope: 'regional',
    query: (x) => ({
      serviceCode: 'AmazonES',
      filters: { productFamily: 'Amazon OpenSearch Service Volume', storageMedia: m(x, 1).toUpperCase() },
    }),
  },
  {
    // gp3 IOPS and throughput provisioned above what the volume includes. The units are stated so
    // that a product priced per another unit is a miss, never a price off by a factor.
    pattern: /^opensearch\/iops\/gp3$/,
    service: 'opensearch',
    unit: 'IOPS-months',
    scope: 'regional',
    query: () => ({
      serviceCode: 'AmazonES',
      filters: { productFamily: 'Amazon OpenSearch Service Volume' },
      usagetype: usage('GP3-PIOPS'),
      awsUnit: 'IOPS-Mo',
    }),
  },
  {
    pattern: /^opensearch\/throughput\/gp3$/,
    service: 'opensearch',
    unit: 'MiBps-months',
    scope: 'regional',
    query: () => ({
      serviceCode: 'AmazonES',
      filters: { productFamily: 'Amazon OpenSearch Service Volume' },
      usagetype: usage('GP3-(?:Provisioned-)?Through[Pp]ut'),
      awsUnit: 'MiBps-Mo',
    }),
  },
  // Load balancers
  {
    pattern: /^elb\/(alb|nlb|gwlb)\/hour$/,
    service: 'elb',
    unit: 'hours',
    scope: 'regional',
    query: (x) => ({
      serviceCode: 'AWSELB',
      filters: { productFamily: LB_FAMILY[m(x, 1)] as string },
      usagetype: usage('LoadBalancerUsage'),
    }),
  },
  {
    pattern: /^elb\/(alb|nlb|gwlb)\/lcu$/,
    service: 'elb',
    unit: 'LCU-hours',
    scope: 'regional',
    query: (x) => ({
      serviceCode: 'AWSELB',
      filters: { productFamily: LB_FAMILY[m(x, 1)] as string },
      usagetype: usage('LCUUsage'),
    }),
  },
  {
    pattern: /^elb\/clb\/hour$/,
    service: 'elb',
    unit: 'hours',
    scope: 'regional',
    query: () => ({
      serviceCode: 'AWSELB',
      filters: { productFamily: 'Load Balancer' },
      usagetype: usage('LoadBalancerUsage'),
    }),
  },
  {
    pattern: /^elb\/clb\/gb$/,
    service: 'elb',
    unit: 'GB',
    scope: 'regional',
    query: () => ({
      serviceCode: 'AWSELB',
      filters: { productFamily: 'Load Balancer' },
      usagetype: usage('DataProcessing-Bytes'),
    }),
  },
  // VPC
  {
    pattern: /^vpc\/nat\/hour$/,
    service: 'vpc',
    unit: 'hours',
    scope: 'regional',
    query: () => ({
      serviceCode: EC2,
      filters: { productFamily: 'NAT Gateway' },
      usagetype: usage('NatGateway-Hours'),
    }),
  },
  {
    pattern: /^vpc\/nat\/gb$/,
    service: 'vpc',
    unit: 'GB',
    scope: 'regional',
    query: () => ({
      serviceCode: EC2,
      filters: { productFamily: 'NAT Gateway' },
      usagetype: usage('NatGateway-Bytes'),
    }),
  },
  {
    pattern: /^vpc\/endpoint\/hour$/,
    service: 'vpc',
    unit: 'hours',
    scope: 'regional',
    query: () => ({
      serviceCode: 'AmazonVPC',
      filters: { productFamily: 'VpcEndpoint' },
      usagetype: usage('VpcEndpoint-Hours'),
    }),
  },
  {
    pattern: /^vpc\/endpoint\/gb$/,
    service: 'vpc',
    unit: 'GB',
    scope: 'regional',
    query: () => ({
      serviceCode: 'AmazonVPC',
      filters: { productFamily: 'VpcEndpoint' },
      usagetype: usage('VpcEndpoint-Bytes'),
    }),
  },
  {
    pattern: /^vpc\/tgw-attachment\/hour$/,
    service: 'vpc',
    unit: 'hours',
    scope: 'regional',
    query: () => ({
      serviceCode: 'AmazonVPC',
      filters: { productFamily: 'Transit Gateway' },
      usagetype: usage('TransitGateway-Hours'),
    }),
  },
  {
    pattern: /^vpc\/tgw-attachment\/gb$/,
    service: 'vpc',
    unit: 'GB',
    scope: 'regional',
    query: () => ({
      serviceCode: 'AmazonVPC',
      filters: { productFamily: 'Transit Gateway' },
      usagetype: usage('TransitGateway-Bytes'),
    }),
  },
  {
    pattern: /^vpc\/vpn\/hour$/,
    service: 'vpc',
    unit: 'hours',
    scope: 'regional',
    query: () => ({
      serviceCode: 'AmazonVPC',
      filters: { productFamily: 'Cloud Connectivity' },
      usagetype: usage('VPN-Usage-Hours:ipsec\\.1'),
    }),
  },
  // EKS, Fargate
  {
    pattern: /^eks\/cluster\/(standard|extended)$/,
    service: 'eks',
    unit: 'hours',
    scope: 'regional',
    query: (x) => ({
      serviceCode: 'AmazonEKS',
      filters: { productFamily: 'Compute' },
      usagetype:
        m(x, 1) === 'standard'
          ? usage('AmazonEKS-Hours:perCluster')
          : usage('AmazonEKS-Hours:extendedSupport'),
    }),
  },
  {
    pattern: /^fargate\/(vcpu|memory)\/linux-(x86|arm)$/,
    service: 'fargate',
    // vCPU-hours or GB-hours, by the SKU.
    unit: 'hours',
    scope: 'regional',
    query: (x) => ({
      serviceCode: 'AmazonECS',
      filters: { productFamily: 'Compute' },
      usagetype:
        m(x, 1) === 'vcpu'
          ? m(x, 2) === 'arm'
            ? usage('Fargate-ARM-vCPU-Hours:perCPU')
            : usage('Fargate-vCPU-Hours:perCPU')
          : m(x, 2) === 'arm'
            ? usage('Fargate-ARM-GB-Hours')
            : usage('Fargate-GB-Hours'),
    }),
  },
  {
    // Ephemeral storage configured above the 20 GiB every task gets free.
    pattern: /^fargate\/ephemeral-storage$/,
    service: 'fargate',
    unit: 'GB-hours',
    scope: 'regional',
    query: () => ({
      serviceCode: 'AmazonECS',
      filters: { productFamily: 'Compute' },
      usagetype: /Fargate-EphemeralStorage-GB-Hours$/,
    }),
  },
  // Lambda
  {
    pattern: /^lambda\/requests$/,
    service: 'lambda',
    unit: '1M requests',
    scope: 'regional',
    query: () => ({
      serviceCode: 'AWSLambda',
      filters: { group: 'AWS-Lambda-Requests' },
      awsUnit: 'Requests',
      multiplyBy: 1_000_000,
    }),
  },
  {
    pattern: /^lambda\/duration\/(x86_64|arm64)\/(tier1|tier2|tier3)$/,
    service: 'lambda',
    unit: 'GB-seconds',
    scope: 'regional',
    query: (x) => ({
      serviceCode: 'AWSLambda',
      filters: { group: m(x, 1) === 'arm64' ? 'AWS-Lambda-Duration-ARM' : 'AWS-Lambda-Duration' },
      beginRange: LAMBDA_TIER_BEGIN[m(x, 1)]?.[m(x, 2)],
    }),
  },
  {
    pattern: /^lambda\/ephemeral-storage$/,
    service: 'lambda',
    unit: 'GB-seconds',
    scope: 'regional',
    query: () => ({ serviceCode: 'AWSLambda', filters: { group: 'AWS-Lambda-Storage-Duration' } }),
  },
  // S3
  {
    pattern: /^s3\/storage\/(standard|standard-ia|onezone-ia|glacier|deep-archive)$/,
    service: 's3',
    unit: 'GB-months',
    scope: 'regional',
    query: (x) => ({
      serviceCode: 'AmazonS3',
      filters: { productFamily: 'Storage', volumeType: S3_STORAGE[m(x, 1)] as string },
      beginRange: '0',
    }),
  },
  {
    // S3 Standard is tiered: the first 50 TB, the next 450 TB, and beyond 500 TB a month.
    pattern: /^s3\/storage\/standard-(tier2|tier3)$/,
    service: 's3',
    unit: 'GB-months',
    scope: 'regional',
    query: (x) => ({
      serviceCode: 'AmazonS3',
      filters: { productFamily: 'Storage', volumeType: 'Standard' },
      beginRange: m(x, 1) === 'tier2' ? '51200' : '512000',
    }),
  },
  {
    pattern: /^s3\/requests\/(tier1|tier2)$/,
    service: 's3',
    unit: '1k requests',
    scope: 'regional',
    query: (x) => ({
      serviceCode: 'AmazonS3',
      filters: { productFamily: 'API Request', group: m(x, 1) === 'tier1' ? 'S3-API-Tier1' : 'S3-API-Tier2' },
      awsUnit: 'Requests',
      multiplyBy: 1000,
    }),
  },
  // DynamoDB
  {
    pattern: /^dynamodb\/(rcu|wcu)$/,
    service: 'dynamodb',
    unit: 'hours',
    scope: 'regional',
    query: (x) => ({
      serviceCode: 'AmazonDynamoDB',
      filters: {
        productFamily: 'Provisioned IOPS',
        group: m(x, 1) === 'rcu' ? 'DDB-ReadUnits' : 'DDB-WriteUnits',
      },
      beginRange: 'Inf',
    }),
  },
  {
    pattern: /^dynamodb\/(read|write)-requests$/,
    service: 'dynamodb',
    unit: '1M requests',
    scope: 'regional',
    query: (x) => ({
      serviceCode: 'AmazonDynamoDB',
      filters: {
        productFamily: 'Amazon DynamoDB PayPerRequest Throughput',
        group: m(x, 1) === 'read' ? 'DDB-ReadUnits' : 'DDB-WriteUnits',
      },
      awsUnit: 'ReadRequestUnits',
      multiplyBy: 1_000_000,
    }),
  },
  {
    pattern: /^dynamodb\/storage$/,
    service: 'dynamodb',
    unit: 'GB-months',
    scope: 'regional',
    query: () => ({
      serviceCode: 'AmazonDynamoDB',
      filters: { productFamily: 'Database Storage', volumeType: 'Amazon DynamoDB - Indexed DataStore' },
      usagetype: usage('TimedStorage-ByteHrs'),
    }),
  },
  {
    pattern: /^dynamodb\/pitr$/,
    service: 'dynamodb',
    unit: 'GB-months',
    scope: 'regional',
    query: () => ({
      serviceCode: 'AmazonDynamoDB',
      filters: { productFamily: 'Storage Snapshot' },
      usagetype: usage('TimedPITRStorage-ByteHrs'),
    }),
  },
  // CloudWatch
  {
    pattern: /^cloudwatch\/logs\/ingest$/,
    service: 'cloudwatch',
    unit: 'GB',
    scope: 'regional',
    query: () => ({ serviceCode: 'AmazonCloudWatch', filters: {}, usagetype: usage('DataProcessing-Bytes') }),
  },
  {
    pattern: /^cloudwatch\/logs\/storage$/,
    service: 'cloudwatch',
    unit: 'GB-months',
    scope: 'regional',
    query: () => ({ serviceCode: 'AmazonCloudWatch', filters: {}, usagetype: usage('TimedStorage-ByteHrs') }),
  },
  {
    pattern: /^cloudwatch\/logs\/insights$/,
    service: 'cloudwatch',
    unit: 'GB',
    scope: 'regional',
    query: () => ({ serviceCode: 'AmazonCloudWatch', filters: {}, usagetype: usage('DataScanned-Bytes') }),
  },
  {
    pattern: /^cloudwatch\/(alarm-standard|alarm-high-resolution|metric)$/,
    service: 'cloudwatch',
    unit: 'months',
    scope: 'regional',
    query: (x) => ({
      serviceCode: 'AmazonCloudWatch',
      filters: {},
      usagetype: {
        'alarm-standard': usage('CW:AlarmMonitorUsage'),
        'alarm-high-resolution': usage('CW:HighResAlarmMonitorUsage'),
        metric: usage('CW:MetricMonitorUsage'),
      }[m(x, 1)],
      beginRange: '0',
    }),
  },
  // KMS, Secrets Manager, SQS, Route 53
  {
    pattern: /^kms\/key$/,
    service: 'kms',
    unit: 'months',
    scope: 'regional',
    query: () => ({
      serviceCode: 'awskms',
      filters: { productFamily: 'Encryption Key' },
      usagetype: usage('KMS-Keys'),
    }),
  },
  {
    // Requests to RSA 2048 keys have a price of their own, apart from the other asymmetric specs.
    pattern: /^kms\/requests\/(symmetric|asymmetric|rsa-2048)$/,
    service: 'kms',
    unit: '10k requests',
    scope: 'regional',
    query: (x) => ({
      serviceCode: 'awskms',
      filters: { productFamily: 'Encryption Key' },
      usagetype: {
        symmetric: usage('KMS-Requests'),
        asymmetric: usage('KMS-Requests-Asymmetric'),
        'rsa-2048': usage('KMS-Requests-Asymmetric-RSA_2048'),
      }[m(x, 1)],
      awsUnit: 'Requests',
      multiplyBy: 10_000,
    }),
  },
  {
    pattern: /^secretsmanager\/secret$/,
    service: 'secretsmanager',
    unit: 'months',
    scope: 'regional',
    query: () => ({
      serviceCode: 'AWSSecretsManager',
      filters: { productFamily: 'Secret' },
      usagetype: usage('AWSSecretsManager-Secrets'),
    }),
  },
  {
    pattern: /^secretsmanager\/requests$/,
    service: 'secretsmanager',
    unit: '10k requests',
    scope: 'regional',
    query: () => ({
      serviceCode: 'AWSSecretsManager',
      filters: { productFamily: 'API Request' },
      usagetype: usage('AWSSecretsManager-APIRequest'),
      awsUnit: 'API Requests',
      multiplyBy: 10_000,
    }),
  },
  {
    pattern: /^sqs\/requests\/(standard|fifo)$/,
    service: 'sqs',
    unit: '1M requests',
    scope: 'regional',
    query: (x) => ({
      serviceCode: 'AWSQueueService',
      filters: {
        productFamily: 'API Request',
        queueType: m(x, 1) === 'fifo' ? 'FIFO (first-in, first-out)' : 'Standard',
      },
      beginRange: '1000000',
      awsUnit: 'Requests',
      multiplyBy: 1_000_000,
    }),
  },
  {
    pattern: /^route53\/zone$/,
    service: 'route53',
    unit: 'months',
    scope: 'global',
    query: () => ({
      serviceCode: 'AmazonRoute53',
      filters: { productFamily: 'DNS Zone' },
      usagetype: usage('HostedZone'),
      beginRange: '0',
    }),
  },
];

const kindCache = new Map<string, { kind: SkuKind; match: RegExpExecArray } | undefined>();

/** The SKU kind a key belongs to, with its parameters; undefined for a key tollgate does not know. */
export function skuKind(sku: string): { kind: SkuKind; match: RegExpExecArray } | undefined {
  if (kindCache.has(sku)) return kindCache.get(sku);
  let found: { kind: SkuKind; match: RegExpExecArray } | undefined;
  for (const kind of SKU_KINDS) {
    const match = kind.pattern.exec(sku);
    if (match) {
      found = { kind, match };
      break;
    }
  }
  kindCache.set(sku, found);
  return found;
}
