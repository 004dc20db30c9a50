import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangeSpec } from '../helpers/plan.ts';
import { assertMoney, component, costOf, costReport } from './harness.ts';

// us-east-1: NLB $0.0225/h and $0.006/NLCU-hour. NLCU per hour: TCP 800 new connections/s, 100,000
// active, 1 GB; UDP 400, 50,000, 1 GB; TLS 50, 3,000, 1 GB.
const USAGE = [
  'version: 1',
  'resource_type_default_usage:',
  '  aws_lb:',
  '    new_connections: 1600', // TCP 2, UDP 4, TLS 32
  '    active_connections: 50000', // TCP 0.5, UDP 1, TLS 16.67
  '    processed_bytes_gb: 1', // 1
].join('\n');

const nlb: ChangeSpec = {
  address: 'aws_lb.nlb',
  after: { load_balancer_type: 'network', internal: true },
  after_unknown: { arn: true },
};

/** A listener created with the load balancer: its load_balancer_arn is known only after apply. */
const listener = (name: string, protocol: string, lb = 'aws_lb.nlb'): ChangeSpec => ({
  address: `aws_lb_listener.${name}`,
  after: { protocol },
  after_unknown: { arn: true, load_balancer_arn: true },
  expressions: { load_balancer_arn: { references: [`${lb}.arn`, lb] } },
});

const nlcu = async (resources: ChangeSpec[]) =>
  component(await costOf({ resources, usage: USAGE }, 'aws_lb.nlb'), /capacity units \(NLCU\)/);

describe('NLB capacity units by listener protocol', () => {
  it('TCP listeners, or none in the plan: the TCP dimensions', async () => {
    const tcp = await nlcu([nlb, listener('tcp', 'TCP')]);
    assert.equal(tcp.monthly_quantity, 1460); // 730 × 2
    assertMoney(tcp.monthly_cost, 8.76);
    assert.equal(tcp.note, undefined);

    const alone = await nlcu([nlb]);
    assertMoney(alone.monthly_cost, 8.76);
    assert.equal(
      alone.note,
      'TCP: an NLCU covers 800 new connections/s, 100,000 active, 1 GB (no listener of this load balancer was found in the plan)',
    );
  });

  it('a TLS listener: 50 new connections and 3,000 active an NLCU', async () => {
    const r = await nlcu([nlb, listener('tls', 'TLS')]);
    assert.equal(r.monthly_quantity, 23360); // 730 × 1600 / 50
    assertMoney(r.monthly_cost, 140.16); // 23360 × 0.006
    assert.equal(r.note, 'TLS: an NLCU covers 50 new connections/s, 3,000 active, 1 GB');
  });

  it('a UDP (or TCP_UDP) listener: 400 new flows and 50,000 active an NLCU', async () => {
    for (const protocol of ['UDP', 'TCP_UDP']) {
      const r = await nlcu([nlb, listener('dns', protocol)]);
      assert.equal(r.monthly_quantity, 2920, protocol); // 730 × 1600 / 400
      assertMoney(r.monthly_cost, 17.52, protocol);
      assert.equal(r.note, 'UDP: an NLCU covers 400 new flows/s, 50,000 active, 1 GB');
    }
  });

  it('mixed protocols: the strictest for all the averages, said to be an upper bound', async () => {
    const r = await nlcu([nlb, listener('tcp', 'TCP'), listener('tls', 'TLS')]);
    assertMoney(r.monthly_cost, 140.16);
    assert.match(
      r.note ?? '',
      /^TLS: an NLCU covers .*, for all the averages: they are not split by protocol \(listeners: TLS, TCP\), so this is an upper bound$/,
    );
  });

  it("another load balancer's listener does not count; an existing one is matched by ARN", async () => {
    const other = await nlcu([nlb, listener('tls', 'TLS', 'aws_lb.other')]);
    assertMoney(other.monthly_cost, 8.76);

    const arn = 'arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/net/x/1';
    const existing = { load_balancer_type: 'network', internal: true, arn };
    const tls = { protocol: 'TLS', load_balancer_arn: arn };
    const r = await nlcu([
      { address: 'aws_lb.nlb', actions: ['update'], before: existing, after: existing },
      { address: 'aws_lb_listener.tls', actions: ['no-op'], before: tls, after: tls },
    ]);
    assertMoney(r.monthly_cost, 140.16);
  });

  it('a listener protocol known only after apply, or one without known dimensions: unknown', async () => {
    const unknown = await nlcu([
      nlb,
      { ...listener('x', 'TCP'), after: {}, after_unknown: { load_balancer_arn: true, protocol: true } },
    ]);
    assert.equal(unknown.state, 'unknown');
    assert.equal(
      unknown.reason,
      'aws_lb_listener.x.protocol is known only after apply: the NLCU dimensions depend on it',
    );

    const quic = await nlcu([nlb, listener('q', 'QUIC')]);
    assert.equal(quic.state, 'unknown');
    assert.match(quic.reason ?? '', /^aws_lb_listener\.q listens on QUIC/);
  });

  it('a monthly NLCU total does not depend on the protocol', async () => {
    const r = await costOf(
      {
        resources: [nlb, listener('tls', 'TLS')],
        usage: 'version: 1\nresource_usage:\n  aws_lb.nlb:\n    monthly_capacity_units_hours: 1000\n',
      },
      'aws_lb.nlb',
    );
    assertMoney(component(r, /capacity units/).monthly_cost, 6); // 1000 × 0.006
  });
});

describe('NLB capacity units without NLCU averages', () => {
  it('rule evaluations alone are not an NLCU dimension: usage not given', async () => {
    const r = await costOf({
      resources: [nlb],
      usage: 'version: 1\nresource_usage:\n  aws_lb.nlb:\n    rule_evaluations: 100\n',
    });
    assert.equal(component(r, /capacity units \(NLCU\)/).state, 'usage-not-given');
  });
});

describe('NLB listeners that name their load balancer through count.index or each.key', () => {
  // Terraform lists `aws_lb.nlb[count.index].arn` as `aws_lb.nlb` and `count.index`: the index is
  // evaluated later, so the reference names the resource, not an instance.
  const lbAt = (address: string): ChangeSpec => ({ ...nlb, address });
  const via = (address: string, protocol: string, references: string[]): ChangeSpec => ({
    address,
    after: { protocol },
    after_unknown: { arn: true, load_balancer_arn: true },
    expressions: { load_balancer_arn: { references } },
  });
  const nlcuOf = async (resources: ChangeSpec[]) => {
    const report = await costReport({ resources, usage: USAGE });
    return (address: string) =>
      component(
        report.resources.find((r) => r.address === address) ?? assert.fail(`no ${address}`),
        /capacity units \(NLCU\)/,
      );
  };

  it('a listener with count pairs with the instance of its own index', async () => {
    const of = await nlcuOf([
      lbAt('aws_lb.nlb[0]'),
      lbAt('aws_lb.nlb[1]'),
      via('aws_lb_listener.l[0]', 'TLS', ['aws_lb.nlb', 'count.index']),
      via('aws_lb_listener.l[1]', 'UDP', ['aws_lb.nlb', 'count.index']),
      // A static index names its instance only; a conditional between load balancers names neither.
      via('aws_lb_listener.first', 'TLS', ['aws_lb.nlb[0].arn', 'aws_lb.nlb[0]', 'aws_lb.nlb']),
      via('aws_lb_listener.either', 'TLS', ['var.public', 'aws_lb.nlb', 'aws_lb.other', 'count.index']),
    ]);
    assert.equal(of('aws_lb.nlb[0]').monthly_quantity, 23360); // TLS
    assert.equal(of('aws_lb.nlb[0]').note, 'TLS: an NLCU covers 50 new connections/s, 3,000 active, 1 GB');
    assert.equal(of('aws_lb.nlb[1]').monthly_quantity, 2920); // UDP
    assert.equal(of('aws_lb.nlb[1]').note, 'UDP: an NLCU covers 400 new flows/s, 50,000 active, 1 GB');
  });

  it('a listener with for_each pairs by each.key', async () => {
    const of = await nlcuOf([
      lbAt('aws_lb.nlb["edge"]'),
      lbAt('aws_lb.nlb["dns"]'),
      via('aws_lb_listener.l["edge"]', 'TLS', ['aws_lb.nlb', 'each.key']),
      via('aws_lb_listener.l["dns"]', 'TCP', ['aws_lb.nlb', 'each.key']),
    ]);
    assert.equal(of('aws_lb.nlb["edge"]').monthly_quantity, 23360);
    assert.equal(of('aws_lb.nlb["dns"]').monthly_quantity, 1460); // TCP
    assert.equal(of('aws_lb.nlb["dns"]').note, undefined);
  });

  it('the same with the index written in place (`aws_lb.nlb[count.index]`)', async () => {
    const of = await nlcuOf([
      lbAt('aws_lb.nlb[0]'),
      lbAt('aws_lb.nlb[1]'),
      via('aws_lb_listener.l[0]', 'TCP', ['aws_lb.nlb[count.index]', 'aws_lb.nlb']),
      via('aws_lb_listener.l[1]', 'TLS', [
        'aws_lb.nlb[count.index].arn',
        'aws_lb.nlb[count.index]',
        'aws_lb.nlb',
      ]),
    ]);
    assert.equal(of('aws_lb.nlb[0]').note, undefined); // TCP
    assert.equal(of('aws_lb.nlb[1]').monthly_quantity, 23360); // TLS
  });

  it('inside a module with count, each module instance keeps its own listeners', async () => {
    const of = await nlcuOf([
      lbAt('module.edge[0].aws_lb.this[0]'),
      lbAt('module.edge[1].aws_lb.this[0]'),
      via('module.edge[0].aws_lb_listener.this[0]', 'TLS', ['aws_lb.this', 'count.index']),
      via('module.edge[1].aws_lb_listener.this[0]', 'UDP', ['aws_lb.this', 'count.index']),
    ]);
    assert.equal(of('module.edge[0].aws_lb.this[0]').monthly_quantity, 23360);
    assert.equal(of('module.edge[1].aws_lb.this[0]').monthly_quantity, 2920);
  });

  it('an index that pairs with nothing: the listener counts for every instance, and the note says so', async () => {
    const one = await nlcuOf([
      lbAt('aws_lb.nlb[0]'),
      lbAt('aws_lb.nlb[1]'),
      via('aws_lb_listener.tls', 'TLS', ['aws_lb.nlb', 'var.primary']),
    ]);
    for (const address of ['aws_lb.nlb[0]', 'aws_lb.nlb[1]']) {
      assert.equal(one(address).monthly_quantity, 23360, address);
      assert.equal(
        one(address).note,
        'TLS: an NLCU covers 50 new connections/s, 3,000 active, 1 GB; aws_lb_listener.tls refers to aws_lb.nlb without saying which instance, so it counts for each of its 2 instances',
      );
    }

    // Three listeners for two load balancers do not pair one to one (`aws_lb.nlb[count.index % 2]`).
    const three = await nlcuOf([
      lbAt('aws_lb.nlb[0]'),
      lbAt('aws_lb.nlb[1]'),
      via('aws_lb_listener.l[0]', 'TLS', ['aws_lb.nlb', 'count.index']),
      via('aws_lb_listener.l[1]', 'TCP', ['aws_lb.nlb', 'count.index']),
      via('aws_lb_listener.l[2]', 'TCP', ['aws_lb.nlb', 'count.index']),
    ]);
    assert.equal(three('aws_lb.nlb[1]').monthly_quantity, 23360);
    assert.match(
      three('aws_lb.nlb[1]').note ?? '',
      /so this is an upper bound; aws_lb_listener\.l\[0\], aws_lb_listener\.l\[1\], aws_lb_listener\.l\[2\] refer to aws_lb\.nlb without saying which instance, so they count for each of its 2 instances$/,
    );
  });
});
