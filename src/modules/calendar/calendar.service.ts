import type { Db } from '../../db/database.ts';
import { deepFreeze, readReference } from '../../db/reference-cache.ts';
import { inTransaction } from '../../db/transaction.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import type { Translator } from '../../web/i18n/index.ts';
import * as repo from './calendar.repo.ts';
import { type Deadline, DeadlineEngine, type Duration, type Instant, type OfficeHours } from './deadline.ts';
import { yearProblem } from './holiday-rules.ts';
import { assertDate, type CalendarDay, type CalendarOverride, WorkingCalendar } from './working-calendar.ts';

export interface CalendarSettings {
  /** Vietnam time `HH:MM` from which an acceptance counts from the next working day. */
  cutoff: string;
  officeHours: OfficeHours[];
  countReceptionDay: boolean;
}

export interface OverrideInput {
  date: string;
  kind: CalendarOverride['kind'];
  note: string;
}

export interface StoredOverride extends OverrideInput {
  createdBy: string | null;
  createdAt: string;
}

interface Snapshot {
  /** The overrides it was built from (the reference cache's value: a new array when they change). */
  overrides: readonly repo.OverrideRow[];
  calendar: WorkingCalendar;
  engine: DeadlineEngine;
}

const NOTE_MAX = 500;

/**
 * The province's working calendar: rule-computed holidays plus the administrator's overrides, and the deadline engine
 * on top. Each process keeps the overrides in its reference cache (db/reference-cache.ts): its own changes show at once,
 * another process's within `MOTCUA_REFERENCE_CHECK_MS`.
 */
export class CalendarService {
  #snapshot: Snapshot | undefined;

  constructor(
    private readonly db: Db,
    private readonly settings: CalendarSettings,
    private readonly clock: Clock = systemClock,
  ) {}

  async current(): Promise<Snapshot> {
    const rows = await readReference(this.db.kysely, 'calendar.overrides', ['calendar'], (db) =>
      repo.allOverrides(db).then(deepFreeze),
    );
    if (this.#snapshot?.overrides === rows) return this.#snapshot;
    const overrides = rows.map(({ date, kind, note }) => ({ date, kind, note }));
    const calendar = new WorkingCalendar({ overrides });
    const [hours = 0, minutes = 0] = this.settings.cutoff.split(':').map(Number);
    const engine = new DeadlineEngine(calendar, {
      cutoffHour: hours + minutes / 60,
      officeHours: this.settings.officeHours,
      countReceptionDay: this.settings.countReceptionDay,
    });
    this.#snapshot = { overrides: rows, calendar, engine };
    return this.#snapshot;
  }

  /** Days off and make-up working days of a year, with the kind of each. */
  async daysOfYear(year: number): Promise<CalendarDay[]> {
    assertYear(year);
    return (await this.current()).calendar.daysOfYear(year);
  }

  async dueDate(from: Instant, duration: Duration): Promise<Deadline> {
    return (await this.current()).engine.deadline(from, duration);
  }

  async overridesOfYear(year: number): Promise<StoredOverride[]> {
    assertYear(year);
    return (await repo.allOverrides(this.db.kysely))
      .filter((o) => o.date.startsWith(`${year}-`))
      .map((o) => ({ date: o.date, kind: o.kind, note: o.note, createdBy: o.created_by, createdAt: o.created_at }));
  }

  /** Adds a day off or a working day. A date holds one override; one that would change nothing is refused. */
  async addOverride(input: OverrideInput, actorId: string | null): Promise<void> {
    assertDate(input.date);
    const note = input.note.trim();
    if (note === '' || note.length > NOTE_MAX) {
      throw new ValidationError([
        { path: 'note', messageKey: 'calendar.errors.overrideNote', params: { max: NOTE_MAX } },
      ]);
    }
    const { calendar } = await this.current();
    await inTransaction(this.db.kysely, async (tx) => {
      const existing = await repo.findOverride(tx, input.date);
      if (existing) {
        throw new ConflictError('override_exists', 'calendar.errors.overrideExists', {
          date: input.date,
          kind: existing.kind,
        });
      }
      const working = calendar.isWorkingDay(input.date);
      if (input.kind === 'off' && !working) {
        throw new ValidationError([
          { path: 'date', messageKey: 'calendar.errors.alreadyOff', params: { date: input.date } },
        ]);
      }
      if (input.kind === 'working' && working) {
        throw new ValidationError([
          { path: 'date', messageKey: 'calendar.errors.alreadyWorking', params: { date: input.date } },
        ]);
      }
      await repo.insertOverride(tx, {
        date: input.date,
        kind: input.kind,
        note,
        created_by: actorId,
        created_at: this.clock.now().toISOString(),
      });
    });
  }

  async removeOverride(date: string): Promise<void> {
    assertDate(date);
    const removed = await inTransaction(this.db.kysely, (tx) => repo.deleteOverride(tx, date));
    if (!removed) throw new NotFoundError('calendar.errors.overrideNotFound', { date });
  }
}

function assertYear(year: number): void {
  const problem = yearProblem(year, 'year');
  if (problem) throw new ValidationError([problem]);
}

/** The name of a calendar day in the reader's language; an override shows its note. */
export function dayName(t: Translator, day: CalendarDay): string {
  if (!day.holiday || day.kind === 'override-off' || day.kind === 'override-working') return day.name;
  const holiday = t(`calendar.holiday.${day.holiday}`);
  return day.kind === 'compensatory' ? t('calendar.compensatoryFor', { holiday }) : holiday;
}

/** Parses `07:30-11:30,13:00-17:00` into office-hour periods (validated by the deadline engine). */
export function parseOfficeHours(text: string): OfficeHours[] {
  return text.split(',').map((period) => {
    const [start = '', end = ''] = period.trim().split('-');
    return { start: start.trim(), end: end.trim() };
  });
}
