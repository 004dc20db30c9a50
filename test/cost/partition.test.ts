import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { costReport } from './harness.ts';

// The public IPv4 charge and the Route 53 zone are global prices, in US dollars, of the public `aws`
// partition: the China regions bill in CNY and must not borrow them.
describe('regions outside the public partition', () => {
  it('does not apply global US-dollar prices in the China regions, and says why', async () => {
    const report = await costReport({
      region: 'cn-northwest-1',
      resources: [
        { address: 'aws_eip.nat', after: { domain: 'vpc' } },
        { address: 'aws_route53_zone.main', after: { name: 'example.cn' } },
      ],
    });
    for (const r of report.resources) {
      assert.equal(r.status, 'not-priced', r.address);
      assert.equal(r.monthly_after, 0);
      assert.match(r.components[0]?.reason ?? '', /in cn-northwest-1: the China regions bill in CNY/);
    }
    const findings = report.findings.filter((f) => f.rule === 'cost.price_missing');
    assert.equal(findings.length, 2);
    for (const f of findings) assert.doesNotMatch(f.fix ?? '', /pricing refresh/);
  });

  it('still applies them in GovCloud and the public regions', async () => {
    for (const region of ['us-gov-west-1', 'ap-southeast-2']) {
      const report = await costReport({
        region,
        resources: [{ address: 'aws_eip.nat', after: { domain: 'vpc' } }],
      });
      assert.equal(report.resources[0]?.monthly_after, 3.65, region); // 730 × 0.005
    }
  });
});
