import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A product as the AWS Price List API describes it, with one on-demand price. */
export interface FakeProduct {
  serviceCode: string;
  productFamily?: string;
  attributes: Record<string, string>;
  usd: string;
  unit: string;
  beginRange?: string;
  effectiveDate?: string;
}

export interface Fault {
  status: number;
  type: string;
  message: string;
}

export interface FakePricingApi {
  url: string;
  /** Every GetProducts request body received, in order. */
  requests: { ServiceCode: string; Filters: { Field: string; Value: string }[]; NextToken?: string }[];
  /** Responses to give before answering normally (e.g. a throttle, then a 500). */
  faults: Fault[];
  /** Answer every request with this fault. */
  alwaysFail?: Fault;
  close(): Promise<void>;
}

const PAGE = 2;

/**
 * A loopback server speaking the Pricing API's JSON 1.1 protocol (`POST /`,
 * `x-amz-target: AWSPriceListService.GetProducts`): TERM_MATCH filters, NextToken pagination, and
 * errors the way AWS sends them, so the real SDK client can be driven against it.
 */
export async function startPricingApi(products: FakeProduct[]): Promise<FakePricingApi> {
  const api: FakePricingApi = { url: '', requests: [], faults: [], close: () => Promise.resolve() };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const send = (status: number, payload: unknown, type?: string) => {
        res.writeHead(status, {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-requestid': `req-${api.requests.length}`,
          ...(type ? { 'x-amzn-errortype': type } : {}),
        });
        res.end(JSON.stringify(payload));
      };
      if (req.method !== 'POST' || req.headers['x-amz-target'] !== 'AWSPriceListService.GetProducts') {
        send(
          400,
          { __type: 'UnknownOperationException', message: 'unknown operation' },
          'UnknownOperationException',
        );
        return;
      }
      const request = JSON.parse(body) as FakePricingApi['requests'][number] & { MaxResults?: number };
      api.requests.push(request);
      const fault = api.faults.shift() ?? api.alwaysFail;
      if (fault) {
        send(fault.status, { __type: fault.type, message: fault.message }, fault.type);
        return;
      }
      const matching = products.filter(
        (p) =>
          p.serviceCode === request.ServiceCode &&
          request.Filters.every(
            (f) => (f.Field === 'productFamily' ? p.productFamily : p.attributes[f.Field]) === f.Value,
          ),
      );
      const start = Number(request.NextToken ?? 0);
      const page = matching.slice(start, start + PAGE);
      const next = start + PAGE < matching.length ? String(start + PAGE) : undefined;
      send(200, {
        FormatVersion: 'aws_v1',
        PriceList: page.map(priceListItem),
        ...(next ? { NextToken: next } : {}),
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return api;
}

let skuCounter = 0;

function priceListItem(p: FakeProduct): string {
  const sku = `SKU${++skuCounter}`;
  return JSON.stringify({
    product: {
      productFamily: p.productFamily,
      attributes: { servicecode: p.serviceCode, ...p.attributes },
      sku,
    },
    serviceCode: p.serviceCode,
    terms: {
      OnDemand: {
        [`${sku}.JRTCKXETXF`]: {
          sku,
          offerTermCode: 'JRTCKXETXF',
          effectiveDate: p.effectiveDate ?? '2026-11-01T00:00:00Z',
          priceDimensions: {
            [`${sku}.JRTCKXETXF.6YS6EN2CT7`]: {
              unit: p.unit,
              beginRange: p.beginRange ?? '0',
              endRange: 'Inf',
              description: `$${p.usd} per ${p.unit}`,
              pricePerUnit: { USD: p.usd },
            },
          },
        },
      },
    },
    version: '20261101000000',
    publicationDate: '2026-11-05T00:00:00Z',
  });
}

/** An EC2 Linux shared-tenancy on-demand instance product. */
export function ec2Instance(region: string, type: string, usd: string, effectiveDate?: string): FakeProduct {
  return {
    serviceCode: 'AmazonEC2',
    productFamily: 'Compute Instance',
    attributes: {
      regionCode: region,
      instanceType: type,
      operatingSystem: 'Linux',
      tenancy: 'Shared',
      preInstalledSw: 'NA',
      capacitystatus: 'Used',
      licenseModel: 'No License required',
      usagetype: `BoxUsage:${type}`,
    },
    usd,
    unit: 'Hrs',
    ...(effectiveDate ? { effectiveDate } : {}),
  };
}

export function natGateway(region: string, prefix: string, hourUsd: string, gbUsd: string): FakeProduct[] {
  const base = { serviceCode: 'AmazonEC2', productFamily: 'NAT Gateway' };
  return [
    {
      ...base,
      attributes: { regionCode: region, usagetype: `${prefix}NatGateway-Hours` },
      usd: hourUsd,
      unit: 'Hrs',
    },
    {
      ...base,
      attributes: { regionCode: region, usagetype: `${prefix}NatGateway-Bytes` },
      usd: gbUsd,
      unit: 'GB',
    },
    // Outposts share the family and the usage suffix; they must not be taken for the regional price.
    {
      ...base,
      attributes: { regionCode: region, usagetype: `${prefix}Outposts-NatGateway-Hours` },
      usd: '0.9',
      unit: 'Hrs',
    },
  ];
}

export function ebsStorage(region: string, volume: string, usd: string): FakeProduct {
  return {
    serviceCode: 'AmazonEC2',
    productFamily: 'Storage',
    attributes: { regionCode: region, volumeApiName: volume, usagetype: `EBS:VolumeUsage.${volume}` },
    usd,
    unit: 'GB-Mo',
  };
}
