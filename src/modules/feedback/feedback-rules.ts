/**
 * The rules of a feedback item's life: which command may follow which status, and the statutory times in working days
 * (DOMAIN.md §8, indicator 5.2): refuse within 2, request a supplement within 5, answer within 15 of reception (or of
 * the supplement's arrival), publish within 2 of the answer. The day counts are settings.
 */
import type { FeedbackAction, FeedbackStatus, OfficerAction } from './feedback.schema.ts';

export interface FeedbackDeadlines {
  refuseDays: number;
  supplementDays: number;
  answerDays: number;
  publishDays: number;
}

export const defaultDeadlines: Readonly<FeedbackDeadlines> = {
  refuseDays: 2,
  supplementDays: 5,
  answerDays: 15,
  publishDays: 2,
};

/** `(status, command) → status`; a pair missing here is refused (409). A note may be written in any status. */
const transitions: Readonly<Partial<Record<FeedbackStatus, Partial<Record<OfficerAction, FeedbackStatus>>>>> = {
  received: { accept: 'accepted', refuse: 'refused', request_supplement: 'supplement_requested' },
  supplement_requested: { receive_supplement: 'received', refuse: 'refused' },
  accepted: { assign: 'assigned', edit_for_publication: 'accepted' },
  assigned: { transfer: 'assigned', answer: 'answered', edit_for_publication: 'assigned' },
  answered: {
    answer: 'answered',
    edit_for_publication: 'answered',
    publish: 'published',
    close_private: 'answered_private',
  },
};

export function nextStatus(status: FeedbackStatus, action: OfficerAction): FeedbackStatus | undefined {
  if (action === 'note') return status;
  return transitions[status]?.[action];
}

/** The commands open in a status, in the order the back office offers them. */
export function availableActions(status: FeedbackStatus): OfficerAction[] {
  return [...(Object.keys(transitions[status] ?? {}) as OfficerAction[]), 'note'];
}

/** Statuses in which the sender has their answer and may say whether it satisfied them. */
export const answeredStatuses: ReadonlySet<FeedbackStatus> = new Set(['published', 'answered_private']);

/** The steps indicator 5.2 measures: from which moment, and how many working days they may take. */
type ClockStart = 'clock' | 'answer';
const measured: Readonly<Partial<Record<FeedbackAction, { from: ClockStart; days: keyof FeedbackDeadlines }>>> = {
  refuse: { from: 'clock', days: 'refuseDays' },
  request_supplement: { from: 'clock', days: 'supplementDays' },
  answer: { from: 'clock', days: 'answerDays' },
  publish: { from: 'answer', days: 'publishDays' },
  close_private: { from: 'answer', days: 'publishDays' },
};

/** Where a measured step's time starts and how long it has, or undefined for a step that is not measured. */
export function measuredStep(
  action: FeedbackAction,
  deadlines: FeedbackDeadlines,
): { from: ClockStart; days: number } | undefined {
  const step = measured[action];
  return step && { from: step.from, days: deadlines[step.days] };
}

/** The deadline the queue shows (and flags when passed): the answer's while the item is handled, then publication's. */
export function currentDue(item: {
  status: FeedbackStatus;
  answerDueAt: string | null;
  publishDueAt: string | null;
}): string | null {
  switch (item.status) {
    case 'received':
    case 'accepted':
    case 'assigned':
      return item.answerDueAt;
    case 'answered':
      return item.publishDueAt;
    default:
      return null;
  }
}
