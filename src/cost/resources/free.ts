import { escapeRegExp } from '../../util/regexp.ts';
import { KUBERNETES_FREE_KINDS } from './kubernetes/free.ts';

/**
 * Types that cost nothing themselves: networking and IAM plumbing, sub-resources whose cost is billed
 * on their parent (listeners, target groups, parameter groups), launch templates and configurations
 * (billed through the instances that use them), and resources of providers with no cloud bill.
 */
export const FREE_TYPES: readonly string[] = [
  'aws_vpc',
  'aws_default_*',
  'aws_subnet',
  'aws_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_*_rule',
  'aws_network_acl*',
  'aws_route',
  'aws_route_table',
  'aws_route_table_association',
  'aws_main_route_table_association',
  'aws_internet_gateway',
  'aws_egress_only_internet_gateway',
  'aws_vpc_dhcp_options*',
  'aws_vpc_peering_connection*',
  'aws_vpc_endpoint_route_table_association',
  'aws_eip_association',
  'aws_network_interface',
  'aws_network_interface_attachment',
  'aws_volume_attachment',
  'aws_key_pair',
  'aws_placement_group',
  'aws_iam_*',
  'aws_kms_alias',
  'aws_kms_grant',
  'aws_lb_listener*',
  'aws_lb_target_group*',
  'aws_alb_listener*',
  'aws_alb_target_group*',
  'aws_lb_cookie_stickiness_policy',
  'aws_elb_attachment',
  'aws_launch_template',
  'aws_launch_configuration',
  'aws_autoscaling_policy',
  'aws_autoscaling_schedule',
  'aws_autoscaling_attachment',
  'aws_autoscaling_lifecycle_hook',
  'aws_autoscaling_notification',
  'aws_appautoscaling_*',
  'aws_db_subnet_group',
  'aws_db_parameter_group',
  'aws_db_option_group',
  'aws_rds_cluster_parameter_group',
  'aws_elasticache_subnet_group',
  'aws_elasticache_parameter_group',
  'aws_s3_bucket_*',
  'aws_s3_object_copy',
  'aws_lambda_permission',
  'aws_lambda_alias',
  'aws_lambda_event_source_mapping',
  'aws_lambda_function_url',
  'aws_lambda_layer_version',
  'aws_cloudwatch_log_stream',
  'aws_cloudwatch_log_subscription_filter',
  'aws_cloudwatch_log_metric_filter',
  'aws_cloudwatch_log_resource_policy',
  'aws_cloudwatch_event_rule',
  'aws_cloudwatch_event_target',
  'aws_sns_topic_subscription',
  'aws_sns_topic_policy',
  'aws_sqs_queue_policy',
  'aws_sqs_queue_redrive*',
  'aws_secretsmanager_secret_version',
  'aws_secretsmanager_secret_policy',
  'aws_secretsmanager_secret_rotation',
  'aws_ecs_cluster',
  'aws_ecs_cluster_capacity_providers',
  'aws_ecs_task_definition',
  'aws_ecr_lifecycle_policy',
  'aws_ecr_repository_policy',
  'aws_eks_addon',
  'aws_eks_access_*',
  'aws_eks_identity_provider_config',
  'aws_route53_zone_association',
  'aws_acm_certificate_validation',
  'aws_ssm_document',
  'aws_ssm_association',
  'aws_ami_launch_permission',
  'aws_ebs_encryption_by_default',
  'aws_ebs_default_kms_key',
  'aws_db_instance_role_association',
  'aws_rds_cluster_role_association',
  'aws_opensearch_domain_policy',
  'aws_elasticsearch_domain_policy',
  'aws_service_discovery_*',
  'aws_organizations_*',
  'aws_account_*',
  // Providers with no cloud bill.
  'null_resource',
  'terraform_data',
  'random_*',
  'time_*',
  'tls_*',
  'local_*',
  'external',
  'template_*',
  'archive_*',
  ...KUBERNETES_FREE_KINDS,
];

const freeByType = new Map<string, boolean>();

// The list only ever uses `*` (a test holds it to that), so one regular expression covers it;
// compiling eighty globs through the general matcher cost more than pricing a hundred resources.
let pattern: RegExp | undefined;

/** Whether `type` costs nothing; memoized, since a plan repeats a few types thousands of times. */
export function isFree(type: string): boolean {
  let free = freeByType.get(type);
  if (free === undefined) {
    pattern ??= new RegExp(
      `^(?:${FREE_TYPES.map((glob) => glob.split('*').map(escapeRegExp).join('.*')).join('|')})$`,
    );
    free = pattern.test(type);
    freeByType.set(type, free);
  }
  return free;
}
