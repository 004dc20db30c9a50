/** The few GetProducts calls tollgate makes, behind an interface so the source is testable. */
export interface PricingApi {
  getProducts(
    serviceCode: string,
    filters: { Type: 'TERM_MATCH'; Field: string; Value: string }[],
    nextToken?: string,
  ): Promise<{ items: unknown[]; nextToken?: string }>;
}

/** Pricing API endpoints exist in these regions only. */
export const PRICING_REGIONS = ['us-east-1', 'eu-central-1', 'ap-south-1'];

/**
 * The real AWS SDK client, loaded only when live pricing is asked for. Credentials come from the
 * usual chain (environment, profiles, SSO, instance role); TOLLGATE_PRICING_ENDPOINT and
 * TOLLGATE_PRICING_REGION point it elsewhere.
 */
export async function awsPricingApi(env: NodeJS.ProcessEnv): Promise<PricingApi> {
  // The SDK warns on every run that its 2027 releases will need Node 22: noise in a CI log that
  // says nothing about this run. A user who set the variable keeps their choice.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { PricingClient, GetProductsCommand } = await import('@aws-sdk/client-pricing');
  const region = env.TOLLGATE_PRICING_REGION ?? 'us-east-1';
  const credentials =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? {
          accessKeyId: env.AWS_ACCESS_KEY_ID,
          secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
          sessionToken: env.AWS_SESSION_TOKEN,
        }
      : undefined;
  const client = new PricingClient({
    region,
    maxAttempts: 4,
    ...(env.TOLLGATE_PRICING_ENDPOINT ? { endpoint: env.TOLLGATE_PRICING_ENDPOINT } : {}),
    ...(credentials ? { credentials } : {}),
  });
  return {
    async getProducts(serviceCode, filters, nextToken) {
      const out = await client.send(
        new GetProductsCommand({
          ServiceCode: serviceCode,
          Filters: filters,
          FormatVersion: 'aws_v1',
          MaxResults: 100,
          NextToken: nextToken,
        }),
      );
      // The SDK types PriceList loosely; its items are boxed JSON strings.
      const items = (out.PriceList ?? []) as unknown[];
      return { items, nextToken: out.NextToken };
    },
  };
}
