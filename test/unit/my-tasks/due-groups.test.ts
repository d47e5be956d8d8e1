import assert from 'node:assert/strict';
import type { Due } from '../../../src/model';
import { shortDue, longDue } from '../../../src/my-tasks/due-format';
import { dueGroupOf, msUntilRegroup, weekStartFor, type Calendar } from '../../../src/my-tasks/due-groups';

const date = (value: string): Due => ({ kind: 'date', value });
const at = (value: string): Due => ({ kind: 'datetime', value });
const MONDAY = 1;
const SUNDAY = 7;

// 06:00 UTC on Wednesday 4 March 2026: still Tuesday evening in Los Angeles (UTC-8),
// Wednesday morning in Berlin (UTC+1), Wednesday evening in Auckland (UTC+13).
const NOW = Date.parse('2026-03-04T06:00:00Z');
const inZone = (timeZone: string, weekStart = MONDAY, now = NOW): Calendar => ({ now, timeZone, weekStart });

describe('My Tasks: grouping by due date in the user\'s time zone', () => {
  it('a date-only due is a calendar day: the same date is "today" in one zone and overdue in another', () => {
    assert.equal(dueGroupOf(date('2026-03-03'), inZone('America/Los_Angeles')), 'today');
    assert.equal(dueGroupOf(date('2026-03-03'), inZone('Europe/Berlin')), 'overdue');
    assert.equal(dueGroupOf(date('2026-03-04'), inZone('Pacific/Auckland')), 'today');
    assert.equal(dueGroupOf(date('2026-03-04'), inZone('America/Los_Angeles')), 'thisWeek');
  });

  it('an instant falls on the day it is in the user\'s zone', () => {
    // 09:00 UTC: 01:00 on Wednesday in Los Angeles (tomorrow there), 22:00 Wednesday in Auckland.
    assert.equal(dueGroupOf(at('2026-03-04T09:00:00Z'), inZone('America/Los_Angeles')), 'thisWeek');
    assert.equal(dueGroupOf(at('2026-03-04T09:00:00Z'), inZone('Pacific/Auckland')), 'today');
    // With an offset in the value, the same instant.
    assert.equal(dueGroupOf(at('2026-03-04T10:00:00+01:00'), inZone('Pacific/Auckland')), 'today');
  });

  it('an instant already past is overdue even when it was earlier today', () => {
    assert.equal(dueGroupOf(at('2026-03-04T05:59:00Z'), inZone('Europe/Berlin')), 'overdue');
    assert.equal(dueGroupOf(at('2026-03-04T06:01:00Z'), inZone('Europe/Berlin')), 'today');
  });

  it('"This week" runs from tomorrow to the last day of the week the locale starts on Monday or Sunday', () => {
    // Berlin, Wednesday 4 March: a Monday week ends on Sunday 8 March, a Sunday week on Saturday 7 March.
    assert.equal(dueGroupOf(date('2026-03-05'), inZone('Europe/Berlin', MONDAY)), 'thisWeek');
    assert.equal(dueGroupOf(date('2026-03-08'), inZone('Europe/Berlin', MONDAY)), 'thisWeek');
    assert.equal(dueGroupOf(date('2026-03-09'), inZone('Europe/Berlin', MONDAY)), 'later');
    assert.equal(dueGroupOf(date('2026-03-07'), inZone('Europe/Berlin', SUNDAY)), 'thisWeek');
    assert.equal(dueGroupOf(date('2026-03-08'), inZone('Europe/Berlin', SUNDAY)), 'later');
  });

  it('on the last day of the week, tomorrow is already "Later"', () => {
    const sundayNoon = Date.parse('2026-03-08T11:00:00Z');
    assert.equal(dueGroupOf(date('2026-03-09'), inZone('Europe/Berlin', MONDAY, sundayNoon)), 'later');
    assert.equal(dueGroupOf(date('2026-03-08'), inZone('Europe/Berlin', MONDAY, sundayNoon)), 'today');
  });

  it('no due, or one the CRM sent unreadable, is "No date"', () => {
    assert.equal(dueGroupOf(undefined, inZone('UTC')), 'noDate');
    assert.equal(dueGroupOf(at('next Tuesday'), inZone('UTC')), 'noDate');
  });

  it('takes the first day of the week from the locale', () => {
    assert.equal(weekStartFor('en-US'), SUNDAY);
    assert.equal(weekStartFor('en-GB'), MONDAY);
    assert.equal(weekStartFor('de'), MONDAY);
    assert.equal(weekStartFor('not a locale!'), MONDAY);
  });

  it('regroups at the user\'s next midnight, or sooner when a timed task becomes overdue', () => {
    // 07:00 in Berlin: 17 hours to midnight (plus a second's margin).
    assert.equal(msUntilRegroup([date('2026-03-04')], inZone('Europe/Berlin')), 17 * 3_600_000 + 1000);
    assert.equal(msUntilRegroup([at('2026-03-04T07:30:00Z'), undefined], inZone('Europe/Berlin')), 90 * 60_000 + 1000);
    // Los Angeles is at 22:00 on Tuesday.
    assert.equal(msUntilRegroup([], inZone('America/Los_Angeles')), 2 * 3_600_000 + 1000);
  });
});

describe('My Tasks: how a due reads', () => {
  it('a date-only due shows its own date in every zone', () => {
    for (const zone of ['America/Los_Angeles', 'Pacific/Auckland', 'UTC']) {
      assert.equal(shortDue(date('2026-03-02'), 'overdue', inZone(zone), 'en-US'), 'Mar 2');
      assert.equal(longDue(date('2026-03-02'), inZone(zone), 'en-US'), 'Monday, March 2, 2026');
    }
  });

  it('is as short as the group allows: time today, weekday this week, the year only when not this year', () => {
    const berlin = inZone('Europe/Berlin');
    assert.equal(shortDue(date('2026-03-04'), 'today', berlin, 'en-US'), undefined);
    assert.match(shortDue(at('2026-03-04T13:30:00Z'), 'today', berlin, 'en-US') ?? '', /^2:30\sPM$/);
    assert.equal(shortDue(date('2026-03-06'), 'thisWeek', berlin, 'en-US'), 'Fri');
    assert.equal(shortDue(date('2026-03-06'), 'thisWeek', berlin, 'de-DE'), 'Fr');
    assert.equal(shortDue(date('2026-04-20'), 'later', berlin, 'en-US'), 'Apr 20');
    assert.equal(shortDue(date('2027-01-05'), 'later', berlin, 'en-US'), 'Jan 5, 2027');
    assert.equal(shortDue(at('2026-03-20T08:00:00Z'), 'later', berlin, 'de-DE'), '20. März 09:00');
  });
});
