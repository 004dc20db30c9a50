import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { placeName, zoneKindOf, zoneOfAz } from '../../src/util/zone.ts';
import { ROOT } from '../helpers/cli.ts';

describe('zoneOfAz', () => {
  it('maps a Local Zone AZ to its group and parent region', () => {
    assert.deepEqual(zoneOfAz('us-west-2-lax-1a'), {
      group: 'us-west-2-lax-1',
      kind: 'Local Zone',
      region: 'us-west-2',
    });
    assert.equal(zoneOfAz('us-west-2-lax-1b')?.group, 'us-west-2-lax-1');
    assert.equal(zoneOfAz('eu-central-1-ham-1a')?.group, 'eu-central-1-ham-1');
  });

  it('maps a Wavelength AZ to the code its prices are listed under', () => {
    assert.deepEqual(zoneOfAz('us-east-1-wl1-atl-wlz-1'), {
      group: 'us-east-1-wl1-atl1',
      kind: 'Wavelength Zone',
      region: 'us-east-1',
    });
    assert.equal(zoneOfAz('eu-west-2-wl2-man-wlz-1')?.group, 'eu-west-2-wl2-man1');
    assert.equal(zoneOfAz('ap-northeast-1-wl1-nrt-wlz-1')?.group, 'ap-northeast-1-wl1-nrt1');
    // The first two Wavelength Zones are listed under the bare carrier network code.
    assert.equal(zoneOfAz('us-east-1-wl1-bos-wlz-1')?.group, 'us-east-1-wl1');
    assert.equal(zoneOfAz('us-west-2-wl1-sfo-wlz-1')?.group, 'us-west-2-wl1');
  });

  it('says nothing of a region AZ or a name that is not an AZ', () => {
    for (const az of ['us-west-2a', 'us-gov-west-1a', 'us-west-2', 'use1-az1', 'us-west-2-lax-1', ''])
      assert.equal(zoneOfAz(az), undefined, az);
  });
});

describe('zoneKindOf', () => {
  it('knows every zone group of the price facts, and no region', () => {
    const facts = JSON.parse(
      readFileSync(join(ROOT, 'data', 'pricing-facts', 'ec2-ondemand.json'), 'utf8'),
    ) as { regions: Record<string, unknown>; zones: Record<string, unknown> };
    for (const zone of Object.keys(facts.zones)) assert.ok(zoneKindOf(zone), zone);
    for (const region of Object.keys(facts.regions)) assert.equal(zoneKindOf(region), undefined, region);
    assert.equal(placeName('us-east-1-wl1'), 'Wavelength Zone us-east-1-wl1');
    assert.equal(placeName('us-west-2-lax-1'), 'Local Zone us-west-2-lax-1');
    assert.equal(placeName('us-west-2'), 'us-west-2');
  });
});
