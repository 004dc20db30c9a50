import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runsPerMonth } from '../../src/kubernetes/schedule.ts';

function runs(schedule: string): string {
  const r = runsPerMonth(schedule);
  assert.ok(r.ok, `${schedule}: ${r.ok ? '' : r.why}`);
  return r.runsPerMonth.round(4).toString();
}

describe('CronJob schedules: runs in a month of 730 hours', () => {
  it('counts schedules that fire every day by runs a day × 730 / 24', () => {
    assert.equal(runs('*/2 * * * *'), '21900'); // 720 a day
    assert.equal(runs('0 * * * *'), '730');
    assert.equal(runs('@hourly'), '730');
    assert.equal(runs('30 2 * * *'), '30.4167');
    assert.equal(runs('@daily'), '30.4167');
    assert.equal(runs('0 9-17/2 * * *'), '152.0833'); // 9, 11, 13, 15, 17
  });

  it('weighs weekdays, months and days of the month as they fall over the Gregorian cycle', () => {
    assert.equal(runs('0 6 * * 1-5'), '21.7262'); // 5 of 7 days
    assert.equal(runs('0 0 * * SUN'), '4.3452'); // @weekly
    assert.equal(runs('@weekly'), '4.3452');
    assert.equal(runs('0 0 1 * *'), '0.9993'); // 12 a year; 730 h is a little less than a month
    assert.equal(runs('0 0 31 * *'), '0.5829'); // only 7 months have a 31st
    assert.equal(runs('0 0 1 JAN *'), '0.0833');
  });

  it('fires on either day field when both are restricted, as cron does', () => {
    // Over 400 years: 4,800 firsts + 20,871 Mondays - 684 firsts that are Mondays (a month starts on
    // Monday when its 13th is a Saturday: 684 times) = 24,987 days; × 730 / (146,097 × 24).
    assert.equal(runs('0 0 1 * 1'), '5.2022');
  });

  it('takes @every durations and time zones', () => {
    assert.equal(runs('@every 90m'), '486.6667');
    assert.equal(runs('@every 1h30m'), '486.6667');
    assert.equal(runs('TZ=Europe/Paris 0 * * * *'), '730');
  });

  it('says why a schedule is not one', () => {
    const why = (s: string) => {
      const r = runsPerMonth(s);
      return r.ok ? 'ok' : r.why;
    };
    assert.match(why('* * * *'), /expected 5 fields/);
    assert.match(why('61 * * * *'), /minute "61" is outside 0-59/);
    assert.match(why('0 0 * FOO *'), /month "FOO" is not a number or name/);
    assert.match(why('*/0 * * * *'), /step "0" is not a positive number/);
    assert.match(why('@sometimes'), /unknown descriptor @sometimes/);
    assert.match(why('@every soon'), /is not a duration/);
  });
});
