import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chain, emptyMeasures, type MeasureName, type Measures, ratesOf } from './measures.ts';
import { contribution, type DossierFacts, type Period, type StateChange, stateAt } from './on-time.ts';

// Vietnam time is UTC+7: 2026-03-10 17:00 in Vietnam is 10:00Z.
const DUE = '2026-03-10T10:00:00.000Z';
const MARCH: Period = { start: '2026-02-28T17:00:00.000Z', end: '2026-03-31T17:00:00.000Z' };

function dossier(overrides: Partial<DossierFacts> = {}): DossierFacts {
  return {
    channel: 2,
    status: 10,
    acceptedAt: '2026-03-02T02:00:00.000Z',
    dueAt: DUE,
    resolvedAt: null,
    returnedAt: null,
    stoppedAt: null,
    refusedAt: null,
    withdrawnAt: null,
    pausedAt: null,
    supplementCount: 0,
    ...overrides,
  };
}

/** Only the measures that are 1, so that each row of the table reads as a sentence. */
function counted(m: Measures): MeasureName[] {
  return (Object.keys(m) as MeasureName[]).filter((name) => m[name] > 0).sort();
}

describe('on-time rule of indicator 2.1, per dossier and period', () => {
  const cases: [string, Partial<DossierFacts>, MeasureName[], Period?, string?][] = [
    [
      'resolved on a day before the due day: early',
      { resolvedAt: '2026-03-09T08:00:00.000Z', returnedAt: '2026-03-11T02:00:00.000Z' },
      ['received', 'receivedOnline', 'resolved', 'resolvedEarly', 'returned'],
    ],
    [
      'resolved on the due day before the due time: on time',
      { status: 9, resolvedAt: '2026-03-10T09:59:00.000Z' },
      ['received', 'receivedOnline', 'resolved', 'resolvedOnTime'],
    ],
    [
      'resolved a minute after the due time: late',
      { status: 9, resolvedAt: '2026-03-10T10:01:00.000Z' },
      ['received', 'receivedOnline', 'resolved', 'resolvedLate'],
    ],
    [
      'resolved on time but returned late: the resolution is the end, on time',
      { resolvedAt: '2026-03-10T03:00:00.000Z', returnedAt: '2026-03-20T03:00:00.000Z' },
      ['received', 'receivedOnline', 'resolved', 'resolvedOnTime', 'returned'],
    ],
    [
      'an imported record with only a return date: the return is the end',
      { returnedAt: '2026-03-12T03:00:00.000Z' },
      ['received', 'receivedOnline', 'resolved', 'resolvedLate', 'returned'],
    ],
    [
      'one supplement round: the due date moved by the pause, resolved before the moved date: on time',
      {
        supplementCount: 1,
        dueAt: '2026-03-13T10:00:00.000Z',
        resolvedAt: '2026-03-13T08:00:00.000Z',
        status: 9,
      },
      ['received', 'receivedOnline', 'resolved', 'resolvedOnTime'],
    ],
    [
      'a second supplement request counts as late, however early the result',
      { supplementCount: 2, resolvedAt: '2026-03-05T03:00:00.000Z', status: 9 },
      ['received', 'receivedOnline', 'resolved', 'resolvedLate'],
    ],
    [
      'stopped before the due date: a stop on time',
      { status: 8, stoppedAt: '2026-03-06T03:00:00.000Z' },
      ['received', 'receivedOnline', 'stopped'],
    ],
    [
      'stopped after the due date: a late stop',
      { status: 8, stoppedAt: '2026-03-16T03:00:00.000Z' },
      ['received', 'receivedOnline', 'stopped', 'stoppedLate'],
    ],
    [
      'still open at the end of the period, past its due date: overdue',
      { status: 4 },
      ['inProgress', 'overdue', 'received', 'receivedOnline'],
    ],
    [
      'still open, due after the period: in progress within the deadline',
      { status: 4, dueAt: '2026-04-03T10:00:00.000Z' },
      ['inProgress', 'inProgressWithin', 'received', 'receivedOnline'],
    ],
    [
      'waiting for a supplement asked before the due date: judged at the request, within the deadline',
      { status: 5, pausedAt: '2026-03-09T03:00:00.000Z', supplementCount: 1 },
      ['awaitingSupplement', 'inProgress', 'inProgressWithin', 'received', 'receivedOnline'],
    ],
    [
      'waiting for a second supplement: overdue',
      { status: 5, pausedAt: '2026-03-09T03:00:00.000Z', supplementCount: 2 },
      ['awaitingSupplement', 'inProgress', 'overdue', 'received', 'receivedOnline'],
    ],
    [
      'waiting for a payment asked after the due date: judged at the request, overdue',
      { status: 6, pausedAt: '2026-03-11T03:00:00.000Z' },
      ['inProgress', 'overdue', 'received', 'receivedOnline'],
    ],
    [
      'resolved late after the period ended: at the period end it was open and not yet due',
      { status: 9, resolvedAt: '2026-04-20T03:00:00.000Z', dueAt: '2026-04-10T10:00:00.000Z' },
      ['inProgress', 'inProgressWithin', 'received', 'receivedOnline'],
    ],
    [
      'a period that has not ended is judged now: not yet overdue',
      { status: 4 },
      ['inProgress', 'inProgressWithin', 'received', 'receivedOnline'],
      MARCH,
      '2026-03-05T00:00:00.000Z',
    ],
    [
      'no due date: on time',
      { dueAt: null, resolvedAt: '2026-03-25T03:00:00.000Z', status: 9 },
      ['received', 'receivedOnline', 'resolved', 'resolvedOnTime'],
    ],
    [
      'accepted before the period and still open at its start: carried over',
      {
        channel: 1,
        acceptedAt: '2026-02-20T02:00:00.000Z',
        resolvedAt: '2026-03-03T03:00:00.000Z',
        status: 9,
      },
      ['carriedOver', 'resolved', 'resolvedEarly'],
    ],
    [
      'withdrawn by the applicant: counted as withdrawn, never judged',
      { status: 7, channel: 3, withdrawnAt: '2026-03-04T03:00:00.000Z' },
      ['received', 'receivedPostal', 'withdrawn'],
    ],
    [
      'refused at reception: never received',
      { status: 3, channel: 1, acceptedAt: null, dueAt: null, refusedAt: '2026-03-04T03:00:00.000Z' },
      ['refused'],
    ],
    [
      'finished before the period: nothing',
      { acceptedAt: '2026-01-05T02:00:00.000Z', resolvedAt: '2026-01-09T03:00:00.000Z' },
      [],
    ],
  ];

  it.each(cases)('%s', (_name, facts, expected, period = MARCH, judgedAt = undefined) => {
    expect(counted(contribution(dossier(facts), period, judgedAt))).toEqual([...expected].sort());
  });
});

describe('open dossiers of a past period are judged as they stood at its end', () => {
  const change = (
    at: string,
    action: string,
    from: number,
    to: number,
    dues: [string | null, string | null] = [DUE, DUE],
  ) => ({ at, action, oldStatus: from, newStatus: to, oldDueAt: dues[0], newDueAt: dues[1] }) satisfies StateChange;
  const cases: [string, Partial<DossierFacts>, MeasureName[]][] = [
    [
      'a supplement asked in April moved the due date: at the end of March the old due date had passed',
      {
        status: 9,
        supplementCount: 1,
        dueAt: '2026-04-25T10:00:00.000Z',
        resolvedAt: '2026-04-20T03:00:00.000Z',
        changes: [
          change('2026-04-02T03:00:00.000Z', 'request_supplement', 4, 5),
          change('2026-04-12T03:00:00.000Z', 'receive_supplement', 5, 4, [DUE, '2026-04-25T10:00:00.000Z']),
        ],
      },
      ['inProgress', 'overdue', 'received', 'receivedOnline'],
    ],
    [
      'a second supplement asked after the period: at its end there had been one, within the deadline',
      {
        status: 4,
        supplementCount: 2,
        dueAt: '2026-04-23T10:00:00.000Z',
        changes: [
          change('2026-03-05T03:00:00.000Z', 'request_supplement', 4, 5, [
            '2026-04-20T10:00:00.000Z',
            '2026-04-20T10:00:00.000Z',
          ]),
          change('2026-03-08T03:00:00.000Z', 'receive_supplement', 5, 4, [
            '2026-04-20T10:00:00.000Z',
            '2026-04-23T10:00:00.000Z',
          ]),
          change('2026-04-03T03:00:00.000Z', 'request_supplement', 4, 5, [
            '2026-04-23T10:00:00.000Z',
            '2026-04-23T10:00:00.000Z',
          ]),
          change('2026-04-06T03:00:00.000Z', 'receive_supplement', 5, 4, [
            '2026-04-23T10:00:00.000Z',
            '2026-04-23T10:00:00.000Z',
          ]),
        ],
      },
      ['inProgress', 'inProgressWithin', 'received', 'receivedOnline'],
    ],
    [
      'waiting at the end of March for a supplement asked before the due date, answered since: judged at the request',
      {
        status: 9,
        supplementCount: 1,
        dueAt: '2026-04-28T10:00:00.000Z',
        resolvedAt: '2026-04-29T03:00:00.000Z',
        changes: [
          change('2026-03-09T03:00:00.000Z', 'request_supplement', 4, 5),
          change('2026-04-10T03:00:00.000Z', 'receive_supplement', 5, 4, [DUE, '2026-04-28T10:00:00.000Z']),
        ],
      },
      ['awaitingSupplement', 'inProgress', 'inProgressWithin', 'received', 'receivedOnline'],
    ],
    [
      'extended with an apology after the due date had passed in March: overdue at the end of March',
      {
        status: 4,
        dueAt: '2026-04-15T10:00:00.000Z',
        changes: [change('2026-04-01T03:00:00.000Z', 'extend_with_apology', 4, 4, [DUE, '2026-04-15T10:00:00.000Z'])],
      },
      ['inProgress', 'overdue', 'received', 'receivedOnline'],
    ],
    [
      'extended in March, before its due date: the new date holds at the end of March',
      {
        status: 4,
        dueAt: '2026-04-15T10:00:00.000Z',
        changes: [change('2026-03-06T03:00:00.000Z', 'extend_with_apology', 4, 4, [DUE, '2026-04-15T10:00:00.000Z'])],
      },
      ['inProgress', 'inProgressWithin', 'received', 'receivedOnline'],
    ],
    [
      'waiting since before the period ended and still waiting: the current state',
      {
        status: 5,
        supplementCount: 1,
        pausedAt: '2026-03-09T03:00:00.000Z',
        changes: [change('2026-03-09T03:00:00.000Z', 'request_supplement', 4, 5)],
      },
      ['awaitingSupplement', 'inProgress', 'inProgressWithin', 'received', 'receivedOnline'],
    ],
  ];

  it.each(cases)('%s', (_name, facts, expected) => {
    expect(counted(contribution(dossier(facts), MARCH))).toEqual([...expected].sort());
  });

  it('a dossier without history is judged on its current state at every moment', () => {
    const d = dossier({ status: 5, pausedAt: '2026-03-09T03:00:00.000Z', supplementCount: 1 });
    expect(stateAt(d, '2026-01-01T00:00:00.000Z')).toEqual({
      status: 5,
      dueAt: DUE,
      pausedAt: '2026-03-09T03:00:00.000Z',
      supplementCount: 1,
    });
  });
});

describe('digitisation measures', () => {
  it('count electronic results and digitised dossiers when resolved, reuse and VNeID when received', () => {
    const resolved = { status: 9, resolvedAt: '2026-03-09T08:00:00.000Z' };
    const facts = { electronicResult: true, digitised: true, reusedFiles: 2, vneid: true };
    expect(counted(contribution(dossier({ ...resolved, ...facts }), MARCH))).toEqual(
      [
        'received',
        'receivedOnline',
        'receivedReusing',
        'receivedVneid',
        'resolved',
        'resolvedEarly',
        'resolvedElectronic',
        'resolvedDigitised',
      ].sort(),
    );
    // Digitised components without an electronic result are not counted by 4.2.
    expect(counted(contribution(dossier({ ...resolved, digitised: true }), MARCH))).toEqual(
      ['received', 'receivedOnline', 'resolved', 'resolvedEarly'].sort(),
    );
    // Still open at the end of the period: no result yet.
    expect(counted(contribution(dossier({ status: 4, ...facts }), MARCH))).toEqual(
      ['inProgress', 'overdue', 'received', 'receivedOnline', 'receivedReusing', 'receivedVneid'].sort(),
    );
  });
});

describe('rates', () => {
  it('online share and on-time rate over finished, stopped and open dossiers', () => {
    const m = emptyMeasures();
    Object.assign(m, {
      received: 10,
      receivedOnline: 4,
      resolved: 6,
      resolvedEarly: 2,
      resolvedOnTime: 3,
      resolvedLate: 1,
      stopped: 2,
      stoppedLate: 1,
      inProgress: 2,
      inProgressWithin: 1,
      overdue: 1,
    });
    expect(ratesOf(m)).toEqual({ onlineShare: 0.4, onTimeRate: 7 / 10 });
    expect(ratesOf(emptyMeasures())).toEqual({ onlineShare: null, onTimeRate: null });
  });
});

describe('periods chain', () => {
  const instant = fc
    .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-07-01T00:00:00Z') })
    .map((ms) => new Date(ms).toISOString());
  const maybe = (a: fc.Arbitrary<string>) => fc.option(a, { nil: null });
  const facts: fc.Arbitrary<DossierFacts> = fc.record({
    channel: fc.constantFrom(1 as const, 2 as const, 3 as const),
    status: fc.integer({ min: 1, max: 10 }),
    acceptedAt: maybe(instant),
    dueAt: maybe(instant),
    resolvedAt: maybe(instant),
    returnedAt: maybe(instant),
    stoppedAt: maybe(instant),
    refusedAt: maybe(instant),
    withdrawnAt: maybe(instant),
    pausedAt: maybe(instant),
    supplementCount: fc.integer({ min: 0, max: 3 }),
  });

  it('two consecutive periods chained give the measures of the whole period', () => {
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 20 }), instant, instant, instant, (dossiers, a, b, c) => {
        const [start, middle, end] = [a, b, c].sort();
        const sum = (p: Period) =>
          dossiers.reduce((acc, d) => {
            const m = contribution(d, p);
            for (const k of Object.keys(m) as MeasureName[]) acc[k] += m[k];
            return acc;
          }, emptyMeasures());
        const whole = sum({ start: start!, end: end! });
        const chained = chain([sum({ start: start!, end: middle! }), sum({ start: middle!, end: end! })]);
        expect(chained).toEqual(whole);
      }),
    );
  });
});
