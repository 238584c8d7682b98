import type { Generated } from 'kysely';
import type { FeedbackAction, FeedbackCategory, FeedbackStatus } from './feedback.schema.ts';

export interface FeedbackItemsTable {
  id: string;
  code: string;
  status: FeedbackStatus;
  category: FeedbackCategory;
  /** The signed-in sender's user id, or null for a submission without an account. */
  submitted_by: string | null;
  full_name: string;
  address: string;
  /** National form, digits only (`0912345678`); its last four digits are the tracking verifier. */
  phone: string;
  email: string | null;
  subject: string;
  summary: string;
  content: string;
  related_code: string | null;
  consent_publish: 0 | 1;
  public_subject: string | null;
  public_question: string | null;
  answer: string | null;
  answered_by: string | null;
  answered_at: string | null;
  published_at: string | null;
  refusal_reason: string | null;
  receiving_agency_id: string;
  assigned_agency_id: string | null;
  clock_started_at: string | null;
  answer_due_at: string | null;
  publish_due_at: string | null;
  satisfied: 0 | 1 | null;
  rated_at: string | null;
  search_text: string | null;
  content_digest: string;
  client_digest: string;
  received_at: string;
  version: number;
  updated_at: string;
}

export interface FeedbackActionsTable {
  id: Generated<number>;
  feedback_id: string;
  action: FeedbackAction;
  /** The officer's user id; null for the sender. */
  actor_id: string | null;
  at: string;
  comment: string | null;
  old_status: FeedbackStatus | null;
  new_status: FeedbackStatus;
  agency_id: string | null;
  on_time: 0 | 1 | null;
  /** JSON or null. */
  data: string | null;
}

export interface FeedbackCodeCountersTable {
  period: string;
  last_sequence: number;
}

declare module '../../db/schema.ts' {
  interface Database {
    feedback_items: FeedbackItemsTable;
    feedback_actions: FeedbackActionsTable;
    feedback_code_counters: FeedbackCodeCountersTable;
  }
}
